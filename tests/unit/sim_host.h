// A simulated host for the engine's unit tests: one object that is the
// reader, the writer and the command runner, and keeps what they change (the
// files, the sysctls, the bridge, the nftables table, dnsmasq). It acts out
// the networkd backend's commands and the companions' (networkctl, nft,
// start-stop-daemon, sysctl) the way the real programs change the host, so
// that the transaction's verification and rollback meet a host that
// answers. `fail_at` makes the N-th command fail, to prove that a failure at
// any step leaves the host as it was.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/apply/host_writer.h"
#include "core/exec/command_runner.h"
#include "core/live/host_reader.h"
#include "core/plan/desired.h"

namespace vnet::sim {

class SimHost : public live::HostReader, public apply::HostWriter, public CommandRunner {
 public:
  /// The bridge networkctl brings up is `want`'s (its addresses, MAC, STP).
  void Expect(const plan::Desired& want) { networks_[want.bridge] = want; }

  // --- what the host holds ----------------------------------------------
  std::map<std::string, std::string> files;
  std::map<std::string, unsigned> modes;
  std::map<std::string, std::string> links;  // symbolic links: path -> target
  std::map<std::string, std::string> sysctls;
  std::map<std::string, live::Link> bridges;       // by name
  std::map<std::string, std::string> tables;       // nft table name -> listing
  std::map<std::string, live::Process> daemons;    // pid file -> process
  std::vector<std::vector<std::string>> commands;  // every command, in order
  /// The command (index) that fails, and with it every later run of the same
  /// command line: a broken step, not a passing hiccup a retry gets over.
  long fail_at = -1;

  /// Nothing of any network: no files, bridge, table or dnsmasq.
  bool Bare() const {
    return files.empty() && bridges.empty() && tables.empty() && daemons.empty();
  }

  // --- HostReader ---------------------------------------------------------
  Result<live::HostState> ReadKernel() override {
    live::HostState s;
    for (const auto& [name, link] : bridges) s.links.push_back(link);
    for (const auto& [name, link] : bridges) {
      if (!link.admin_up) continue;
      for (const plan::DesiredRoute& r : networks_[name].routes) s.routes.push_back(r.route);
    }
    return s;
  }
  Result<std::optional<std::string>> NftTable(const std::string&,
                                              const std::string& name) override {
    auto it = tables.find(name);
    return it == tables.end() ? std::optional<std::string>() : it->second;
  }
  Result<std::vector<live::FirewallChain>> FirewallChains() override {
    return std::vector<live::FirewallChain>{};
  }
  std::optional<std::string> Sysctl(const std::string& key) override {
    auto it = sysctls.find(key);
    return it == sysctls.end() ? std::optional<std::string>("0") : it->second;
  }
  std::optional<bool> TxChecksum(const std::string&) override { return std::nullopt; }
  Result<std::vector<live::Listener>> Listeners(const std::vector<uint16_t>& ports) override {
    std::vector<live::Listener> out;
    for (const auto& [pidfile, p] : daemons) {
      for (uint16_t port : ports) {
        live::Listener l;
        l.proto = "udp";
        l.port = port;
        l.pids = {p.pid};
        l.programs = {"dnsmasq"};
        out.push_back(l);
      }
    }
    return out;
  }
  std::optional<live::Process> ProcessFromPidFile(const std::string& pid_file) override {
    auto it = daemons.find(pid_file);
    return it == daemons.end() ? std::nullopt : std::optional<live::Process>(it->second);
  }
  Result<live::FileState> ReadFile(const std::string& path) override {
    live::FileState s;
    if (auto it = files.find(path); it != files.end()) {
      s.exists = true;
      s.content = it->second;
      s.mode = modes[path];
    }
    if (auto it = links.find(path); it != links.end()) {
      s.exists = s.is_symlink = true;
      s.symlink_target = it->second;
    }
    return s;
  }

  // --- HostWriter ---------------------------------------------------------
  Status Write(const RenderedFile& f) override {
    (void)Remove(f.path);
    if (!f.symlink_target.empty()) {
      links[f.path] = f.symlink_target;
    } else {
      files[f.path] = f.content;
      modes[f.path] = f.mode;
    }
    return OkStatus();
  }
  Status Remove(const std::string& path) override {
    files.erase(path);
    modes.erase(path);
    links.erase(path);
    return OkStatus();
  }
  Status WriteSysctl(const std::string& key, const std::string& value) override {
    sysctls[key] = value;
    return OkStatus();
  }

  // --- CommandRunner ------------------------------------------------------
  CommandResult Run(const std::vector<std::string>& argv, const std::string& = {}) override {
    commands.push_back(argv);
    if (static_cast<long>(commands.size()) - 1 == fail_at) broken_ = argv;
    if (!broken_.empty() && argv == broken_) return {1, "", "simulated failure"};
    return Act(argv);
  }

 private:
  CommandResult Act(const std::vector<std::string>& argv) {
    const std::string& prog = argv.front();
    auto arg = [&](size_t i) { return i < argv.size() ? argv[i] : std::string(); };
    if (prog == "networkctl" && arg(1) == "reconfigure") return Up(arg(2));
    if (prog == "networkctl" && arg(1) == "down") {
      if (auto it = bridges.find(arg(2)); it != bridges.end()) it->second.admin_up = false;
    }
    if (prog == "networkctl" && arg(1) == "delete") bridges.erase(arg(2));
    if (prog.ends_with("nft") && arg(1) == "-f") {
      tables[TableOf(arg(2))] = files.count(arg(2)) ? files[arg(2)] : "";
    }
    if (prog.ends_with("nft") && arg(1) == "delete" && arg(2) == "table") tables.erase(arg(4));
    if (prog.ends_with("sysctl") && arg(1) == "-qw") {
      std::string kv = arg(2), key = kv.substr(0, kv.find('='));
      std::replace(key.begin(), key.end(), '.', '/');
      sysctls[key] = kv.substr(kv.find('=') + 1);
    }
    if (prog.ends_with("start-stop-daemon")) return Daemon(argv);
    return {0, "", ""};
  }

  // networkd creates the bridge its .netdev file describes and configures it.
  CommandResult Up(const std::string& bridge) {
    auto it = networks_.find(bridge);
    if (it == networks_.end()) return {1, "", "Interface \"" + bridge + "\" not found."};
    const plan::Desired& want = it->second;
    live::Link l;
    l.index = 10 + static_cast<int>(bridges.size());
    l.name = bridge;
    l.kind = "bridge";
    l.admin_up = l.lower_up = true;
    l.mtu = want.mtu.value_or(1500);
    l.mac = want.mac;
    l.stp = want.stp;
    l.forward_delay_cs = want.forward_delay_cs;
    l.addresses = want.addresses;
    bridges[bridge] = l;
    return {0, "", ""};
  }

  CommandResult Daemon(const std::vector<std::string>& argv) {
    auto value = [&](const std::string& opt) {
      auto it = std::find(argv.begin(), argv.end(), opt);
      return it != argv.end() && it + 1 != argv.end() ? *(it + 1) : std::string();
    };
    const std::string pidfile = value("--pidfile");
    bool running = daemons.count(pidfile) != 0;
    if (std::find(argv.begin(), argv.end(), "--start") != argv.end()) {
      auto dash = std::find(argv.begin(), argv.end(), "--");
      live::Process p{4000 + static_cast<int>(commands.size()), value("--exec"), {value("--exec")}};
      if (dash != argv.end()) p.argv.insert(p.argv.end(), dash + 1, argv.end());
      if (!running) daemons[pidfile] = p;
      return {0, "", ""};
    }
    if (value("--signal") == "HUP") return {running ? 0 : 1, "", ""};
    daemons.erase(pidfile);
    return {0, "", ""};
  }

  // The table a ruleset file loads: its "table inet NAME" line.
  std::string TableOf(const std::string& file) {
    const std::string& text = files[file];
    size_t at = text.find("table inet ");
    if (at == std::string::npos) return "";
    size_t start = at + 11;
    return text.substr(start, text.find_first_of(" {\n", start) - start);
  }

  std::map<std::string, plan::Desired> networks_;
  std::vector<std::string> broken_;
};

}  // namespace vnet::sim
