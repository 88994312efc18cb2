// Builders for validation tests: Networks made directly in C++ (no XML).
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/model/network.h"
#include "core/validate/validate.h"

namespace vnet::testing {

inline IpAddr Addr(const char* text) {
  auto a = IpAddr::Parse(text);
  REQUIRE_MESSAGE(a.has_value(), text);
  return *a;
}

inline MacAddr Mac(const char* text) {
  auto m = MacAddr::Parse(text);
  REQUIRE_MESSAGE(m.has_value(), text);
  return *m;
}

inline SourceLoc Loc(std::string path, int line = 0) { return SourceLoc{"net.xml", line, path}; }

/// <ip address='a' prefix='p'> (family ipv6 set for IPv6 addresses).
inline Ip MakeIp(const char* address, uint32_t prefix, std::string path = "/network/ip[1]") {
  Ip ip;
  ip.address = Addr(address);
  ip.prefix = prefix;
  if (ip.IsIpv6()) ip.family = "ipv6";
  ip.loc = Loc(std::move(path), 10);
  return ip;
}

inline DhcpRange Range(const char* start, const char* end,
                       std::string path = "/network/ip[1]/dhcp/range[1]") {
  return DhcpRange{Addr(start), Addr(end), std::nullopt, Loc(std::move(path), 12)};
}

inline DhcpHost Host(const char* mac, const char* name, const char* ip,
                     std::string path = "/network/ip[1]/dhcp/host[1]") {
  DhcpHost h;
  if (mac) h.mac = Mac(mac);
  if (name) h.name = name;
  if (ip) h.ip = Addr(ip);
  h.loc = Loc(std::move(path), 13);
  return h;
}

/// The libvirt "default" network: nat, virbr0, 192.168.122.1/24 with a range.
inline Network NatNetwork(std::string name = "default") {
  Network net;
  net.name = std::move(name);
  net.loc = Loc("/network", 1);
  net.forward.emplace();
  net.forward->mode = ForwardMode::kNat;
  net.forward->loc = Loc("/network/forward", 3);
  net.bridge.emplace();
  net.bridge->name = "virbr0";
  net.bridge->loc = Loc("/network/bridge", 4);
  Ip ip = MakeIp("192.168.122.1", 24);
  ip.dhcp.emplace();
  ip.dhcp->loc = Loc("/network/ip[1]/dhcp", 11);
  ip.dhcp->ranges.push_back(Range("192.168.122.2", "192.168.122.254"));
  net.ips.push_back(ip);
  return net;
}

inline Network ModeNetwork(ForwardMode mode, std::string name = "net") {
  Network net;
  net.name = std::move(name);
  net.loc = Loc("/network", 1);
  net.forward.emplace();
  net.forward->mode = mode;
  net.forward->loc = Loc("/network/forward", 3);
  return net;
}

inline std::vector<std::string> Messages(const std::vector<Error>& errs) {
  std::vector<std::string> out;
  for (const Error& e : errs) out.push_back(e.message);
  return out;
}

/// The first error's message (what virsh would print), or "" when valid.
inline std::string First(const Network& net) {
  auto errs = ValidateNetwork(net);
  for (const Error& e : errs) CHECK(e.kind == ErrorKind::kInvalidInput);
  return errs.empty() ? "" : errs.front().message;
}

/// The first error, which must exist.
inline Error FirstError(const Network& net) {
  auto errs = ValidateNetwork(net);
  REQUIRE_FALSE(errs.empty());
  return errs.front();
}

}  // namespace vnet::testing
