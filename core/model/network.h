// The typed form of one libvirt <network> definition. Pure data: no XML, no
// I/O. Each element keeps the SourceLoc it was read from so that validation,
// which runs later and separately, can point at FILE:LINE and the element path.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model/bridge.h"
#include "core/model/child_lines.h"
#include "core/model/dns.h"
#include "core/model/forward.h"
#include "core/model/ip.h"
#include "core/model/port_profile.h"
#include "core/net/address.h"

namespace vnet {

struct Network {
  std::string name;
  std::optional<Uuid> uuid;
  std::optional<std::string> title;
  std::optional<std::string> description;
  /// Serialized children of <metadata>, verbatim, as libvirt keeps them.
  std::optional<std::string> metadata;
  bool ipv6_no_gateway = false;  // <network ipv6='yes'>
  std::optional<bool> trust_guest_rx_filters;
  std::optional<Forward> forward;  // absent = isolated
  std::optional<Bridge> bridge;
  std::optional<uint32_t> mtu;
  std::optional<MacAddr> mac;
  std::optional<Domain> domain;
  std::optional<Dns> dns;
  std::optional<Vlan> vlan;
  std::optional<Bandwidth> bandwidth;
  std::optional<bool> port_isolated;  // <port isolated='yes'/>
  std::vector<Ip> ips;
  std::vector<Route> routes;
  std::optional<VirtualPort> virtualport;
  std::vector<Portgroup> portgroups;
  std::vector<std::string> dnsmasq_options;  // <dnsmasq:options><dnsmasq:option value/>
  SourceLoc loc;                             // the document itself (file, line of <network>)
  ChildLines children;                       // where <mtu>, <mac>, <port>, ... start

  /// `loc` for the child element `name` (or attribute "@name"): its path
  /// and its own line.
  SourceLoc ChildLoc(std::string_view element) const { return children.Of(loc, element); }

  ForwardMode Mode() const { return forward ? forward->mode : ForwardMode::kNone; }
  /// nat, route, open or isolated: the modes where libvirt manages a bridge,
  /// addresses and dnsmasq itself.
  bool HasManagedBridge() const;
  const std::string& BridgeName() const;  // empty if none
};

}  // namespace vnet
