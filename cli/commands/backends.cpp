// vnetctl backends: which managers this host has, which one vnetctl uses,
// and why.
#include <CLI/CLI.hpp>

#include "backends/probe_cache.h"
#include "backends/registry.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/table.h"
#include "core/exec/command_runner.h"

namespace vnet::cli {

void BackendsCmd::Setup(CLI::App& /*app*/, Options& /*opts*/) {}

RunResult BackendsCmd::Run(const Context& ctx, const Options& /*opts*/) {
  SystemCommandRunner runner;
  SystemHostProbe uncached(runner);
  CachingHostProbe probe(uncached, ProbeCacheFile(ctx));
  VNET_ASSIGN_OR_RETURN(BackendChoice choice, ChooseBackend(ctx.backend, probe));
  Output out;
  std::vector<std::vector<std::string>> rows;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : choice.reports) {
    const Availability& a = r.availability;
    std::string version = a.version ? a.version->ToString() : "-";
    bool chosen = r.backend == choice.chosen;
    rows.push_back({std::string(r.backend->Name()), a.installed ? "yes" : "no",
                    a.running ? "yes" : "no", version, chosen ? "*" : "", a.reason});
    list.push_back({{"name", r.backend->Name()},
                    {"installed", a.installed},
                    {"running", a.running},
                    {"version", a.version ? version : ""},
                    {"chosen", chosen},
                    {"reason", a.reason}});
  }
  out.text = FormatTable({"Backend", "Installed", "Running", "Version", "Chosen", "Reason"}, rows,
                         !ctx.quiet);
  out.text += "\n" + std::string(choice.chosen ? "Using " : "No backend: ") + choice.reason + "\n";
  out.json = nlohmann::json{{"backends", list},
                            {"chosen", choice.chosen ? std::string(choice.chosen->Name()) : ""},
                            {"reason", choice.reason}};
  return out;
}

}  // namespace vnet::cli
