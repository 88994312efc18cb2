// vnetctl's entry point: parse the command line (CLI11), build the Context,
// run the chosen command and print its result. The only place, with
// cli/output.cpp and cli/terminal.cpp, that writes to stdout/stderr or exits.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backends/detect.h"
#include "backends/registry.h"
#include "cli/commands/commands.h"
#include "cli/connect_uri.h"
#include "cli/context.h"
#include "cli/output.h"
#include "cli/suggest.h"
#include "cli/table.h"
#include "cli/terminal.h"
#include "core/exec/command_runner.h"

namespace vnet::cli {
namespace {

struct GlobalOptions {
  std::string root = "/";
  std::string backend = "auto";
  bool json = false;
  bool verbose = false;
  bool quiet = false;
  bool no_color = false;
  std::string connect;    // virsh -c URI
  bool readonly = false;  // virsh -r
};

// A command's subcommand in the parser, its runner, and the table entry it
// came from.
struct BoundCommand {
  CLI::App* sub;
  Runner run;
  const Command* cmd;
};

// --version: vnetctl's own version, then each manager's and dnsmasq's as
// `vnetctl backends` detects them, so that one line in a bug report says
// what vnetctl was running against.
std::string VersionText() {
  SystemCommandRunner runner;
  SystemHostProbe probe(runner);
  std::vector<TableRow> rows;
  for (const Backend* b : AllBackends()) {
    const Availability a = b->Detect(probe);
    rows.push_back({std::string(b->Name()), a.version ? a.version->ToString() : "-",
                    !a.installed ? "not installed" : (a.running ? "running" : "installed")});
  }
  const std::optional<Version> dnsmasq = DetectDnsmasq(probe);
  rows.push_back(
      {"dnsmasq", dnsmasq ? dnsmasq->ToString() : "-", dnsmasq ? "installed" : "not installed"});
  std::string table = FormatTable({"Component", "Version", "State"}, rows, true);
  while (!table.empty() && table.back() == '\n') table.pop_back();  // CLI11 adds one
  return "vnetctl " VNETCTL_VERSION "\n" + table;
}

void AddGlobalOptions(CLI::App& app, GlobalOptions& g) {
  app.add_option("--root", g.root, "operate on the tree under DIR instead of /")
      ->envname("VNETCTL_ROOT")
      ->type_name("DIR");
  app.add_option("--backend", g.backend, "network manager to use")
      ->envname("VNETCTL_BACKEND")
      ->check(CLI::IsMember({"auto", "networkmanager", "networkd", "netplan", "ifupdown"}));
  app.add_flag("--json", g.json, "machine-readable output");
  app.add_flag("-v,--verbose", g.verbose, "echo each host change as it runs");
  app.add_flag("-q,--quiet", g.quiet, "no table headers or success messages (virsh -q)");
  app.add_flag("--no-color", g.no_color, "no colour (also NO_COLOR)");
  app.add_option("-c,--connect", g.connect,
                 "virsh's URI: qemu:///system (this host), qemu+ssh://[USER@]HOST/system")
      ->type_name("URI");
  app.add_flag("-r,--readonly", g.readonly,
               "refuse every command that changes something (virsh -r)");
  app.set_version_flag("--version", VersionText,
                       "print vnetctl's version and the detected managers' versions");
}

std::vector<BoundCommand> AddCommands(CLI::App& app) {
  std::vector<BoundCommand> bound;
  for (const Command& cmd : Commands()) {
    CLI::App* sub = app.add_subcommand(std::string(cmd.name), std::string(cmd.summary));
    if (!cmd.virsh_name.empty()) sub->alias(std::string(cmd.virsh_name));
    if (!ExtraAlias(cmd.name).empty()) sub->alias(std::string(ExtraAlias(cmd.name)));
    bound.push_back({sub, cmd.setup(*sub), &cmd});
  }
  return bound;
}

std::vector<std::string_view> CommandNames() {
  std::vector<std::string_view> names;
  for (const Command& cmd : Commands()) {
    names.push_back(cmd.name);
    if (!cmd.virsh_name.empty()) names.push_back(cmd.virsh_name);
    if (!ExtraAlias(cmd.name).empty()) names.push_back(ExtraAlias(cmd.name));
  }
  return names;
}

// An unknown first word is reported as an unknown command, with a suggestion.
std::string UsageMessage(const CLI::App& app, const CLI::ParseError& e) {
  const std::vector<std::string> remaining = app.remaining();
  if (app.get_subcommands().empty() && !remaining.empty()) {
    const std::string& word = remaining.front();
    if (!word.empty() && word.front() != '-') {
      std::string msg = "unknown command '" + word + "'";
      if (auto best = Suggest(word, CommandNames())) msg += ", did you mean '" + *best + "'?";
      return msg;
    }
  }
  return e.what();
}

int Parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "vnetctl: error: " << UsageMessage(app, e) << "\n";
    return static_cast<int>(ExitCode::kUsage);
  }
  return -1;
}

Context MakeContext(const GlobalOptions& g, Interaction* interaction) {
  Context ctx;
  ctx.root = g.root.empty() ? "/" : g.root;
  ctx.backend = g.backend;
  ctx.json = g.json;
  ctx.verbose = g.verbose;
  ctx.quiet = g.quiet;
  // Colour only for a person at a terminal.
  ctx.color = !g.no_color && std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO) == 1;
  ctx.interaction = interaction;
  ctx.in = &std::cin;
  return ctx;
}

// The command line without the -c/--connect URI (the remote runs on its own
// system instance), the rest as given.
std::vector<std::string> WithoutConnect(int argc, char** argv, const std::string& uri) {
  std::vector<std::string> out;
  bool dropped = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (!dropped && (a == "-c" || a == "--connect") && i + 1 < argc && argv[i + 1] == uri) {
      dropped = true;
      ++i;
      continue;
    }
    if (!dropped && (a == "--connect=" + uri || a == "-c" + uri)) {
      dropped = true;
      continue;
    }
    out.push_back(std::move(a));
  }
  return out;
}

// Runs the command on the remote host over ssh, its output and exit code
// passed through as virsh passes a remote libvirtd's. ssh's own failure
// (255: host unreachable, authentication) is vnetctl's exit 1.
int RunRemote(const SshTarget& target, const std::vector<std::string>& args) {
  std::vector<std::string> argv = SshArgv(target, args);
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "ssh", nullptr, nullptr, cargv.data(), environ) != 0) {
    std::cerr << "vnetctl: error: cannot run ssh for " << target.host << "\n";
    return static_cast<int>(ExitCode::kUnavailable);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status)) return static_cast<int>(ExitCode::kFailure);
  int code = WEXITSTATUS(status);
  if (code == 255) {
    std::cerr << "vnetctl: error: failed to connect to the hypervisor: ssh to " << target.host
              << " failed\n";
    return static_cast<int>(ExitCode::kFailure);
  }
  return code;
}

int Run(int argc, char** argv) {
  CLI::App app{"vnetctl: libvirt's virtual networks without libvirtd", "vnetctl"};
  app.require_subcommand(1);
  app.fallthrough();
  app.get_formatter()->column_width(35);  // port-dumpxml, net-port-dumpxml and 3 blanks
  GlobalOptions globals;
  AddGlobalOptions(app, globals);
  std::vector<BoundCommand> commands = AddCommands(app);
  if (int code = Parse(app, argc, argv); code >= 0) return code;
  Terminal terminal;
  const Context ctx = MakeContext(globals, &terminal);
  std::optional<SshTarget> remote;
  if (!globals.connect.empty()) {
    Result<std::optional<SshTarget>> target = ParseConnectUri(globals.connect);
    if (!target.ok()) return EmitNotRun(target.error());
    remote = *target;
  }
  if (remote) return RunRemote(*remote, WithoutConnect(argc, argv, globals.connect));
  for (const BoundCommand& c : commands) {
    if (!c.sub->parsed()) continue;
    const std::string_view denies = c.cmd->read_only_denies;
    if (globals.readonly && !denies.empty()) {
      return Emit(ctx, RunResult(MakeError(ErrorKind::kOperationInvalid,
                                           "operation forbidden: read only access prevents " +
                                               std::string(denies))));
    }
    return Emit(ctx, c.run(ctx));
  }
  return static_cast<int>(ExitCode::kUsage);
}

}  // namespace
}  // namespace vnet::cli

int main(int argc, char** argv) {
  try {
    return vnet::cli::Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "vnetctl: error: internal error: " << e.what() << "\n";
    return static_cast<int>(vnet::ExitCode::kFailure);
  }
}
