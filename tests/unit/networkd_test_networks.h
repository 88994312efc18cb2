// libvirt networks built in C++ for the networkd and netplan render tests
// (the same inputs as tests/golden/*/input.xml), until the XML parser lands.
#pragma once

#include <string>

#include "core/model/network.h"

namespace vnet::testnet {

inline IpAddr Addr(const char* text) { return *IpAddr::Parse(text); }

inline SourceLoc Loc(int line, std::string path) { return SourceLoc{"net.xml", line, path}; }

inline Ip MakeIp(const char* addr, std::optional<const char*> netmask,
                 std::optional<uint32_t> prefix, int line) {
  Ip ip;
  ip.address = Addr(addr);
  if (netmask) ip.netmask = Addr(*netmask);
  ip.prefix = prefix;
  ip.loc = Loc(line, "/network/ip[1]");
  return ip;
}

inline Network Base(std::string name, std::string bridge, std::optional<ForwardMode> mode) {
  Network n;
  n.name = std::move(name);
  n.loc = Loc(1, "/network");
  if (mode) {
    n.forward = Forward{};
    n.forward->mode = *mode;
    n.forward->mode_explicit = true;
    n.forward->loc = Loc(3, "/network/forward");
  }
  n.bridge = Bridge{};
  n.bridge->name = std::move(bridge);
  n.bridge->loc = Loc(4, "/network/bridge");
  return n;
}

/// libvirt's default network.
inline Network Default() {
  Network n = Base("default", "virbr0", ForwardMode::kNat);
  n.bridge->stp = true;
  n.bridge->delay = 0;
  n.mac = *MacAddr::Parse("52:54:00:0a:cd:21");
  n.ips.push_back(MakeIp("192.168.122.1", "255.255.255.0", std::nullopt, 6));
  n.ips[0].dhcp = Dhcp{};
  n.ips[0].dhcp->ranges.push_back(
      DhcpRange{Addr("192.168.122.2"), Addr("192.168.122.254"), std::nullopt, {}});
  return n;
}

inline Network Isolated() {
  Network n = Base("isolated", "virbr2", std::nullopt);
  n.bridge->stp = true;
  n.bridge->delay = 0;
  n.mac = *MacAddr::Parse("52:54:00:17:3f:37");
  n.ips.push_back(MakeIp("192.168.152.1", "255.255.255.0", std::nullopt, 6));
  return n;
}

/// Route mode, STP off with delay 5, one <route> with a metric, one without.
inline Network Routed() {
  Network n = Base("routed", "virbr1", ForwardMode::kRoute);
  n.forward->interfaces.push_back(ForwardInterface{"eth1", Loc(3, "/network/forward")});
  n.bridge->stp = false;
  n.bridge->delay = 5;
  n.mac = *MacAddr::Parse("52:54:00:12:34:56");
  n.ips.push_back(MakeIp("192.168.122.1", "255.255.255.0", std::nullopt, 6));
  Route r;
  r.address = Addr("192.168.222.0");
  r.netmask = Addr("255.255.255.0");
  r.gateway = Addr("192.168.122.10");
  r.metric = 5;
  r.loc = Loc(11, "/network/route[1]");
  n.routes.push_back(r);
  Route r2;
  r2.address = Addr("10.20.0.0");
  r2.prefix = 16;
  r2.gateway = Addr("192.168.122.11");
  r2.loc = Loc(12, "/network/route[2]");
  n.routes.push_back(r2);
  return n;
}

inline Network Open() {
  Network n = Base("open", "virbr3", ForwardMode::kOpen);
  n.mac = *MacAddr::Parse("52:54:00:00:00:03");
  n.ips.push_back(MakeIp("172.16.3.1", std::nullopt, 24, 6));
  return n;
}

inline Network DualStack() {
  Network n = Base("dual", "virbr7", ForwardMode::kNat);
  n.mac = *MacAddr::Parse("52:54:00:00:00:07");
  n.ips.push_back(MakeIp("192.168.107.1", std::nullopt, 24, 7));
  n.ips.push_back(MakeIp("fd00:107::1", std::nullopt, 64, 13));
  n.ips[1].family = "ipv6";
  n.ips[1].loc.path = "/network/ip[2]";
  Route r;
  r.family = "ipv6";
  r.address = Addr("fd00:200::");
  r.prefix = 48;
  r.gateway = Addr("fd00:107::2");
  r.loc = Loc(19, "/network/route[1]");
  n.routes.push_back(r);
  return n;
}

inline Network Jumbo() {
  Network n = Base("jumbo", "virbr9", ForwardMode::kNat);
  n.mtu = 9000;
  n.mac = *MacAddr::Parse("52:54:00:00:00:09");
  n.ips.push_back(MakeIp("192.168.109.1", std::nullopt, 24, 8));
  return n;
}

inline Network HostBridge() {
  Network n = Base("host-bridge", "br0", ForwardMode::kBridge);
  return n;
}

}  // namespace vnet::testnet
