#include "core/doctor/doctor.h"

#include "core/doctor/checks.h"

namespace vnet::doctor {

std::vector<std::string> SysctlKeys(const std::vector<Subject>& subjects) {
  std::vector<std::string> keys = {"net/ipv4/ip_forward", "net/ipv6/conf/all/forwarding",
                                   "net/ipv4/conf/all/rp_filter",
                                   "net/bridge/bridge-nf-call-iptables"};
  for (const Subject& s : subjects) {
    const std::string& br = s.net.BridgeName();
    if (!br.empty()) keys.push_back("net/ipv4/conf/" + br + "/rp_filter");
  }
  return keys;
}

namespace {

using Lister = std::function<std::vector<std::string>(const std::string& dir)>;

// Calls `use(path, content)` for each regular file of `dir` named *`suffix`
// that is not one of vnetctl's own (50-vnetctl-NAME.network,
// vnetctl-NAME.nmconnection, ...).
template <typename Use>
void ForeignFiles(live::HostReader& reader, const Lister& list, const std::string& dir,
                  std::string_view suffix, Use use) {
  for (const std::string& name : list(dir)) {
    if (!name.ends_with(suffix) || name.find("vnetctl") != std::string::npos) continue;
    const std::string path = dir + "/" + name;
    Result<live::FileState> f = reader.ReadFile(path);
    if (f.ok() && f->exists && !f->is_symlink) use(path, f->content);
  }
}

}  // namespace

std::vector<ConfiguredAddress> ReadConnections(live::HostReader& reader, const Lister& list) {
  std::vector<ConfiguredAddress> out;
  for (const ConnectionSource& src : kConnectionSources) {
    ForeignFiles(reader, list, src.dir, src.suffix, [&](const std::string& path, auto& text) {
      for (ConfiguredAddress& a : src.parse(text, path)) out.push_back(std::move(a));
    });
  }
  return out;
}

std::vector<NmConnection> ReadNmConnections(live::HostReader& reader, const Lister& list) {
  std::vector<NmConnection> out;
  for (const char* dir : kNmKeyfileDirs) {
    ForeignFiles(reader, list, dir, ".nmconnection", [&](const std::string& path, auto& text) {
      if (std::optional<NmConnection> c = ParseNmConnection(text, path)) out.push_back(*c);
    });
  }
  return out;
}

Result<HostFacts> ReadHostFacts(live::HostReader& reader, const std::vector<Subject>& subjects,
                                const std::vector<std::string>& pid_files) {
  HostFacts f;
  for (const std::string& file : pid_files) {
    if (std::optional<live::Process> p = reader.ProcessFromPidFile(file)) {
      f.network_dnsmasqs.insert(p->pid);
    }
  }
  VNET_ASSIGN_OR_RETURN(f.kernel, reader.ReadKernel());
  VNET_ASSIGN_OR_RETURN(f.listeners, reader.Listeners({kDnsPort, kDhcpPort, kDhcp6Port}));
  VNET_ASSIGN_OR_RETURN(f.chains, reader.FirewallChains());
  for (const std::string& key : SysctlKeys(subjects)) {
    if (std::optional<std::string> v = reader.Sysctl(key)) f.sysctls[key] = *v;
  }
  for (const Subject& s : subjects) {
    const std::string& br = s.net.BridgeName();
    if (!s.active || br.empty()) continue;
    for (const live::Link& l : f.kernel.links) {
      if (l.master != br) continue;
      if (std::optional<bool> on = reader.TxChecksum(l.name)) f.tx_checksum[l.name] = *on;
    }
  }
  return f;
}

std::vector<Finding> Examine(const std::vector<Subject>& subjects, const HostFacts& facts) {
  Findings out;
  for (const Subject& s : subjects) {
    CheckFirewall(s, out);
    CheckFirewalldZone(s, facts, out);
    CheckForwarding(s, facts, out);
    CheckRpFilter(s, facts, out);
    CheckRoutes(s, facts, out);
    CheckConnections(s, facts, out);
    CheckNetworkManager(s, facts, out);
    CheckLibvirt(s, facts, out);
    CheckStp(s, facts, out);
    CheckChecksum(s, facts, out);
  }
  CheckListeners(subjects, facts, out);
  CheckBrNetfilter(subjects, facts, out);
  return out;
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

size_t Problems(const std::vector<Finding>& findings) {
  size_t n = 0;
  for (const Finding& f : findings) n += f.severity != Severity::kNote;
  return n;
}

namespace {

std::string Colored(Severity s, bool color) {
  std::string name(SeverityName(s));
  if (!color) return name;
  const char* code = s == Severity::kError ? "31" : s == Severity::kWarning ? "33" : "36";
  return "\033[" + std::string(code) + "m" + name + "\033[0m";
}

std::string Count(size_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

std::string FormatFindings(const std::vector<Finding>& findings, bool color) {
  std::string text;
  size_t errors = 0, warnings = 0;
  for (const Finding& f : findings) {
    errors += f.severity == Severity::kError;
    warnings += f.severity == Severity::kWarning;
    text += Colored(f.severity, color) + ": " + (f.network.empty() ? "host" : f.network) + ": " +
            f.summary + "\n    seen: " + f.evidence + "\n    fix:  " + f.fix + "\n";
  }
  size_t notes = findings.size() - errors - warnings;
  if (errors + warnings == 0) {
    return text + "No problems found" + (notes ? " (" + Count(notes, "note") + ")" : "") + "\n";
  }
  return text + Count(errors, "error") + ", " + Count(warnings, "warning") + ", " +
         Count(notes, "note") + "\n";
}

nlohmann::json FindingsToJson(const std::vector<Finding>& findings) {
  nlohmann::json list = nlohmann::json::array();
  for (const Finding& f : findings) {
    list.push_back({{"severity", SeverityName(f.severity)},
                    {"check", f.check},
                    {"network", f.network},
                    {"summary", f.summary},
                    {"evidence", f.evidence},
                    {"fix", f.fix}});
  }
  return {{"findings", list}, {"problems", Problems(findings)}};
}

}  // namespace vnet::doctor
