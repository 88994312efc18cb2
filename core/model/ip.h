#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model/child_lines.h"
#include "core/model/lease.h"
#include "core/net/address.h"

namespace vnet {

/// <dhcp><range start end><lease/></range>.
struct DhcpRange {
  IpAddr start;
  IpAddr end;
  std::optional<Lease> lease;
  SourceLoc loc;
};

/// <dhcp><host mac id name ip><lease/></host>: a static lease.
struct DhcpHost {
  std::optional<MacAddr> mac;
  /// The MAC as the XML wrote it ("2A:C3:00:..."), which libvirt keeps and
  /// prints back; empty for a host not parsed from XML (then mac's own form).
  std::string mac_text;
  std::optional<std::string> id;  // DHCPv6 DUID / client id
  std::optional<std::string> name;
  std::optional<IpAddr> ip;
  std::optional<Lease> lease;
  SourceLoc loc;
};

/// <dhcp><bootp file server/>.
struct DhcpBootp {
  std::string file;
  std::optional<IpAddr> server;
  SourceLoc loc;
};

struct Dhcp {
  std::vector<DhcpRange> ranges;
  std::vector<DhcpHost> hosts;
  std::optional<DhcpBootp> bootp;
  SourceLoc loc;
};

/// <ip family address netmask|prefix localPtr>.
struct Ip {
  std::optional<std::string> family;  // as written ("ipv4"/"ipv6"); absent = inferred
  IpAddr address;
  std::optional<IpAddr> netmask;
  std::optional<uint32_t> prefix;
  std::optional<bool> local_ptr;
  std::optional<Dhcp> dhcp;
  std::optional<std::string> tftp_root;  // <tftp root='…'/>
  SourceLoc loc;
  ChildLines children;  // where <dhcp> and <tftp> start

  SourceLoc ChildLoc(std::string_view element) const { return children.Of(loc, element); }

  Family AddrFamily() const { return address.family; }
  bool IsIpv4() const { return address.family == Family::kIpv4; }
  bool IsIpv6() const { return address.family == Family::kIpv6; }
  /// The prefix length in force: prefix=, else netmask=, else classful (IPv4)
  /// or 64 (IPv6), as libvirt's virNetworkIPDefPrefix.
  int EffectivePrefix() const;
  bool HasDhcp() const { return dhcp && (!dhcp->ranges.empty() || !dhcp->hosts.empty()); }
};

/// <route family address netmask|prefix gateway metric/>.
struct Route {
  std::optional<std::string> family;
  IpAddr address;
  std::optional<IpAddr> netmask;
  std::optional<uint32_t> prefix;
  IpAddr gateway;
  std::optional<uint32_t> metric;
  SourceLoc loc;

  int EffectivePrefix() const;
};

}  // namespace vnet
