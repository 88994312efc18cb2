#include "core/import/stand_in.h"

namespace vnet::import {

namespace {

const char kNoVlan[] =
    "libvirt cannot apply <vlan> on a Linux bridge (forward mode='bridge' without Open "
    "vSwitch); left out of libvirt's stand-in";
const char kNoVirtualPort[] =
    "vnetctl's bridge is a Linux bridge, not Open vSwitch; left out of libvirt's stand-in";

/// The portgroup as libvirt can still apply it to a tap on a Linux bridge.
Portgroup StandInPortgroup(Portgroup pg, std::vector<std::string>& dropped) {
  const std::string where = "/network/portgroup[@name='" + pg.name + "']";
  if (pg.vlan) dropped.push_back(where + "/vlan: " + kNoVlan);
  if (pg.virtualport) dropped.push_back(where + "/virtualport: " + kNoVirtualPort);
  pg.vlan.reset();
  pg.virtualport.reset();
  return pg;
}

}  // namespace

StandIn MakeStandIn(const Network& libvirts, const std::string& bridge) {
  StandIn out;
  Network& s = out.network;
  s.name = libvirts.name;
  s.uuid = libvirts.uuid;
  s.title = libvirts.title;
  s.description = libvirts.description;
  // As libvirt prints it back (each child on its own line, indented).
  s.metadata = std::string("\n    <vnetctl:stand-in xmlns:vnetctl=\"") + kStandInNamespace +
               "\" network=\"vnetctl\"/>\n  ";
  Forward forward;
  forward.mode = ForwardMode::kBridge;
  forward.mode_explicit = true;
  s.forward = forward;
  Bridge br;
  br.name = bridge;
  s.bridge = br;
  // Applied by libvirt to each tap it plugs in: keep them as the domains had them.
  s.mtu = libvirts.mtu;
  s.port_isolated = libvirts.port_isolated;
  s.trust_guest_rx_filters = libvirts.trust_guest_rx_filters;
  for (const Portgroup& pg : libvirts.portgroups) {
    s.portgroups.push_back(StandInPortgroup(pg, out.dropped));
  }
  if (libvirts.vlan) out.dropped.push_back(std::string("/network/vlan: ") + kNoVlan);
  if (libvirts.virtualport) {
    out.dropped.push_back(std::string("/network/virtualport: ") + kNoVirtualPort);
  }
  // The network's own <bandwidth> shapes the bridge, which is vnetctl's now:
  // it stays with vnetctl's network (or is reported as not carried there).
  return out;
}

bool IsStandIn(const Network& net) {
  return net.metadata && net.metadata->find(kStandInNamespace) != std::string::npos;
}

}  // namespace vnet::import
