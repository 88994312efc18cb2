#include "core/plan/observe.h"

#include <algorithm>
#include <set>

#include "backends/files.h"
#include "core/plan/firewalld.h"

namespace vnet::plan {

bool IsOurDnsmasq(const live::Process& p, const std::string& conf) {
  bool is_dnsmasq =
      p.exe.ends_with("/dnsmasq") || (!p.argv.empty() && p.argv[0].ends_with("dnsmasq"));
  if (!is_dnsmasq) return false;
  for (const std::string& a : p.argv) {
    if (a == "--conf-file=" + conf) return true;
  }
  return false;
}

namespace {

std::set<std::string> InvolvedFiles(const Desired* want, const NetworkStatus* before) {
  std::set<std::string> paths;
  if (want) {
    for (const DesiredFile& f : want->files) paths.insert(f.file.path);
    paths.insert(want->manager_copies.begin(), want->manager_copies.end());
  }
  if (before) {
    paths.insert(before->files.begin(), before->files.end());
    paths.insert(before->manager_copies.begin(), before->manager_copies.end());
  }
  return paths;
}

std::string NftTableOf(const Desired* want, const NetworkStatus* before) {
  if (want && !want->nft_table.empty()) return want->nft_table;
  return before ? before->nft_table : "";
}

void ObserveDnsmasq(live::HostReader& reader, const Desired* want, const NetworkStatus* before,
                    Observed& o) {
  std::string name = want ? want->network : before->name;
  std::optional<live::Process> p = reader.ProcessFromPidFile(DnsmasqPidPath(name));
  if (!p) return;
  // Either placement's configuration counts as ours: a network that moves
  // from /run to /etc (autostart) still owns the dnsmasq it started.
  for (Placement pl : {Placement::kRuntime, Placement::kPersistent}) {
    if (IsOurDnsmasq(*p, DnsmasqConfPath(name, pl))) o.dnsmasq = p;
  }
}

}  // namespace

Result<Observed> Observe(live::HostReader& reader, const Desired* want,
                         const NetworkStatus* before) {
  Observed o;
  VNET_ASSIGN_OR_RETURN(o.kernel, reader.ReadKernel());
  for (const std::string& path : InvolvedFiles(want, before)) {
    VNET_ASSIGN_OR_RETURN(o.files[path], reader.ReadFile(path));
  }
  std::string table = NftTableOf(want, before);
  if (!table.empty()) {
    VNET_ASSIGN_OR_RETURN(o.nft_listing, reader.NftTable("inet", table));
  }
  // Read only where vnetctl loads a table of its own or made a passage: then
  // libnftables and the privilege to list the ruleset are needed anyway.
  if ((want && (!want->nft_table.empty() || !want->firewalld_zone.empty())) ||
      (before && (!before->passages.empty() || !before->firewalld_zone.empty()))) {
    VNET_ASSIGN_OR_RETURN(o.firewall, reader.FirewallChains());
  }
  if (want && want->firewalld_permanent) {
    VNET_ASSIGN_OR_RETURN(o.firewalld_zone_file,
                          reader.ReadFile(FirewalldZoneFile(want->firewalld_zone)));
  }
  if (want) {
    for (const std::string& key : want->sysctls) {
      if (auto v = reader.Sysctl(key)) o.sysctls[key] = *v;
    }
  }
  ObserveDnsmasq(reader, want, before, o);
  if (o.dnsmasq && want && !want->dnsmasq_ports.empty()) {
    VNET_ASSIGN_OR_RETURN(std::vector<live::Listener> ls, reader.Listeners(want->dnsmasq_ports));
    for (const live::Listener& l : ls) {
      bool ours = std::find(l.pids.begin(), l.pids.end(), o.dnsmasq->pid) != l.pids.end();
      if (ours && l.proto.starts_with("udp")) o.dnsmasq_ports.push_back(l.port);
    }
  }
  return o;
}

}  // namespace vnet::plan
