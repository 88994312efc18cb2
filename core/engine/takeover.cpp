#include "core/engine/takeover.h"

#include <algorithm>

#include "core/apply/run_commands.h"
#include "core/import/carry.h"

namespace vnet::engine {

namespace {

std::vector<std::string> PortsOf(const live::HostState& kernel, const std::string& bridge) {
  std::vector<std::string> ports;
  for (const live::Link& l : kernel.links) {
    if (l.master == bridge) ports.push_back(l.name);
  }
  return ports;
}

int CountLines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

/// Starts libvirt's network again (autostart as it was) and gives it back the
/// guests' ports, which libvirt only re-attaches when libvirtd restarts.
std::string RestoreLibvirt(apply::Env& env, import::LibvirtClient& libvirt,
                           const import::SourceNetwork& source, const std::string& bridge,
                           const std::vector<std::string>& ports) {
  Status started = libvirt.Start(source);
  if (!started.ok())
    return "; starting libvirt's network again also failed: " + started.error().message;
  if (source.autostart) (void)libvirt.SetAutostart(source.name, true);
  vnet::Commands replug;
  for (const std::string& port : ports) {
    replug.push_back({{"ip", "link", "set", "dev", port, "master", bridge}, /*may_fail=*/true});
  }
  std::vector<std::string> notes;
  apply::RunBestEffort(env, replug, notes);
  return "; libvirt's network " + source.name + " was started again";
}

}  // namespace

Result<TakenOver> TakeOver(Engine& e, import::LibvirtClient& libvirt,
                           const import::SourceNetwork& source, const Network& net,
                           bool dnsmasq_dhcp) {
  // What the guests have now, read before libvirt's network goes.
  VNET_ASSIGN_OR_RETURN(std::vector<import::SourceLease> leases, libvirt.Leases(source.name));
  VNET_ASSIGN_OR_RETURN(live::HostState kernel, e.env.reader.ReadKernel());
  apply::Inherited inherited;
  if (dnsmasq_dhcp) inherited.dnsmasq_leases = import::DnsmasqLeasesFrom(leases);
  inherited.ports = PortsOf(kernel, net.BridgeName());

  VNET_TRY(libvirt.Destroy(source.name));
  if (source.autostart) {
    Status off = libvirt.SetAutostart(source.name, false);
    if (!off.ok()) {
      Error err = off.error();
      err.message += RestoreLibvirt(e.env, libvirt, source, net.BridgeName(), inherited.ports);
      return err;
    }
  }
  auto realized = Realize(e, net, {}, source.autostart && source.persistent, &inherited);
  if (!realized.ok()) {
    Error err = realized.error();
    err.message = "taking over network " + source.name + " failed: " + err.message +
                  RestoreLibvirt(e.env, libvirt, source, net.BridgeName(), inherited.ports);
    return err;
  }
  TakenOver out;
  out.realized = std::move(*realized);
  out.leases_carried = CountLines(inherited.dnsmasq_leases);
  out.ports_adopted = static_cast<int>(inherited.ports.size());
  return out;
}

}  // namespace vnet::engine
