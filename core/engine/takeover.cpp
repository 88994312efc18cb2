#include "core/engine/takeover.h"

#include <algorithm>

#include "core/engine/bridge_ports.h"
#include "core/import/carry.h"

namespace vnet::engine {

namespace {

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
  Replug(env, ports, bridge);
  return "; libvirt's network " + source.name + " was started again";
}

/// Leaves libvirt the stand-in (core/import/stand_in.h) in place of its
/// network: defined over libvirt's definition (or created, for a transient
/// one), active, and autostarted as libvirt's was.
Status PutStandIn(import::LibvirtClient& libvirt, const import::SourceNetwork& source,
                  const std::string& xml) {
  import::SourceNetwork stand_in = source;
  stand_in.xml = xml;
  if (source.persistent) VNET_TRY(libvirt.Define(xml));
  VNET_TRY(libvirt.Start(stand_in));
  if (source.persistent && source.autostart) VNET_TRY(libvirt.SetAutostart(source.name, true));
  return OkStatus();
}

/// After the stand-in failed: vnetctl's network down, libvirt's own
/// definition back and started. The text says how far that got.
std::string Undo(Engine& e, import::LibvirtClient& libvirt, const import::SourceNetwork& source,
                 const Network& net, const std::vector<std::string>& ports) {
  std::string text;
  auto down = TakeDown(e, net, source.autostart && source.persistent, !source.persistent);
  text += down.ok() ? "; vnetctl's network was taken down"
                    : "; taking vnetctl's network down also failed: " + down.error().message;
  (void)libvirt.Destroy(source.name);  // the stand-in, if it started
  if (source.persistent) {
    Status back = libvirt.Define(source.xml);
    if (!back.ok())
      return text + "; giving libvirt its definition back also failed: " + back.error().message;
  }
  return text + RestoreLibvirt(e.env, libvirt, source, net.BridgeName(), ports);
}

}  // namespace

Result<TakenOver> TakeOver(Engine& e, import::LibvirtClient& libvirt,
                           const import::SourceNetwork& source, const Network& net,
                           bool dnsmasq_dhcp, const std::string& stand_in_xml) {
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
  Status stood = PutStandIn(libvirt, source, stand_in_xml);
  if (!stood.ok()) {
    Error err = stood.error();
    err.message = "taking over network " + source.name +
                  " failed: libvirt's stand-in: " + err.message +
                  Undo(e, libvirt, source, net, inherited.ports);
    return err;
  }
  TakenOver out;
  out.realized = std::move(*realized);
  out.leases_carried = CountLines(inherited.dnsmasq_leases);
  out.ports_adopted = static_cast<int>(inherited.ports.size());
  return out;
}

}  // namespace vnet::engine
