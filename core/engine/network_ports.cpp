#include "core/engine/network_ports.h"

#include <algorithm>

#include "backends/networkmanager/uuid5.h"
#include "core/engine/bridge_ports.h"

namespace vnet::engine {

Uuid PortUuid(const Uuid& network, std::string_view ifname) { return Uuid5(network, ifname); }

std::optional<MacAddr> GuestMac(const live::Link& link) {
  if (!link.mac) return std::nullopt;
  MacAddr mac = *link.mac;
  if (mac.bytes[0] == 0xfe) mac.bytes[0] = 0x52;
  return mac;
}

bool MatchesGuestMac(const live::Link& link, const MacAddr& guest) {
  if (!link.mac) return false;
  if (*link.mac == guest) return true;
  MacAddr tap = guest;
  tap.bytes[0] = 0xfe;
  return *link.mac == tap;
}

std::vector<NetworkPort> NetworkPorts(const live::HostState& kernel, const std::string& bridge,
                                      const Uuid& network) {
  std::vector<NetworkPort> ports;
  if (bridge.empty()) return ports;
  for (const std::string& name : PortsOf(kernel, bridge)) {
    const live::Link* link = kernel.FindLink(name);
    NetworkPort p{name, PortUuid(network, name), std::nullopt};
    if (link != nullptr) p.mac = GuestMac(*link);
    ports.push_back(std::move(p));
  }
  std::sort(ports.begin(), ports.end(),
            [](const NetworkPort& a, const NetworkPort& b) { return a.uuid < b.uuid; });
  return ports;
}

ActivationCommand PlugCommand(const std::string& ifname, const std::string& bridge) {
  return {{"ip", "link", "set", "dev", ifname, "master", bridge}};
}

ActivationCommand UnplugCommand(const std::string& ifname) {
  return {{"ip", "link", "set", "dev", ifname, "nomaster"}};
}

}  // namespace vnet::engine
