#include "core/engine/handback.h"

#include "backends/files.h"
#include "core/engine/bridge_ports.h"
#include "core/import/lease_status.h"
#include "core/live/leases.h"

namespace vnet::engine {

namespace {

/// vnetctl's leases as libvirt's status file, written where libvirt's
/// dnsmasq reads them when the network starts. Returns how many.
Result<int> CarryLeases(apply::Env& env, const std::string& name, const std::string& bridge) {
  VNET_ASSIGN_OR_RETURN(live::FileState file, env.reader.ReadFile(DnsmasqLeasePath(name)));
  if (!file.exists) return 0;
  int count = 0;
  std::string status = import::LibvirtLeaseStatus(live::ParseDnsmasqLeases(file.content), &count);
  VNET_TRY(env.writer.Write(RenderedFile(LibvirtLeaseStatusPath(bridge), status, 0644)));
  return count;
}

/// libvirt's network did not come up: its stand-in and vnetctl's network
/// again. The text says how far that got.
std::string Undo(Engine& e, import::LibvirtClient& libvirt, const HandBackRequest& r,
                 const std::vector<std::string>& ports) {
  (void)libvirt.Destroy(r.original.name);
  std::string text;
  if (!r.stand_in_xml.empty()) {
    Status stand_in = libvirt.Define(r.stand_in_xml);
    if (!stand_in.ok()) {
      text += "; defining libvirt's stand-in again also failed: " + stand_in.error().message;
    }
  }
  if (!r.live) return text + "; libvirt's stand-in is back";
  apply::Inherited inherited;
  inherited.ports = ports;
  auto up = Realize(e, *r.live, {}, r.live_autostart, &inherited);
  if (!up.ok())
    return text + "; starting vnetctl's network again also failed: " + up.error().message;
  import::SourceNetwork s = r.original;
  s.xml = r.stand_in_xml;
  if (r.stand_in_active) (void)libvirt.Start(s);
  return text + "; vnetctl's network " + r.original.name + " was started again";
}

}  // namespace

std::string LibvirtLeaseStatusPath(const std::string& bridge) {
  return "/var/lib/libvirt/dnsmasq/" + bridge + ".status";
}

Result<HandedBack> HandBack(Engine& e, import::LibvirtClient& libvirt, const HandBackRequest& r) {
  const std::string& name = r.original.name;
  HandedBack out;
  std::vector<std::string> ports;
  std::string bridge;
  if (r.live) {
    bridge = r.live->BridgeName();
    VNET_ASSIGN_OR_RETURN(live::HostState kernel, e.env.reader.ReadKernel());
    ports = PortsOf(kernel, bridge);
  }
  if (r.stand_in_active) VNET_TRY(libvirt.Destroy(name));
  if (r.live) {
    auto down = TakeDown(e, *r.live, r.live_autostart, /*transient=*/false);
    if (!down.ok()) {
      import::SourceNetwork s = r.original;
      s.xml = r.stand_in_xml;
      if (r.stand_in_active) (void)libvirt.Start(s);
      Error err = down.error();
      err.message = "giving network " + name + " back to libvirt failed: " + err.message;
      return err;
    }
    VNET_ASSIGN_OR_RETURN(out.leases_carried, CarryLeases(e.env, name, bridge));
  }
  // Running before (as vnetctl's network or the stand-in): running after.
  Status back = libvirt.Define(r.original.xml);
  if (back.ok() && (r.live || r.stand_in_active)) back = libvirt.Start(r.original);
  if (!back.ok()) {
    Error err = back.error();
    err.message = "giving network " + name + " back to libvirt failed: " + err.message +
                  Undo(e, libvirt, r, ports);
    return err;
  }
  (void)libvirt.SetAutostart(name, r.original.autostart);
  if (r.live) Replug(e.env, ports, bridge);
  out.ports_moved = static_cast<int>(ports.size());
  return out;
}

}  // namespace vnet::engine
