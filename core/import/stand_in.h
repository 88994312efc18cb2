// libvirt's stand-in for a network vnetctl took over. Domains name their
// network (<interface type='network'><source network='default'/>), and libvirt
// starts them only while a network of that name is active in libvirt. So a
// takeover leaves libvirt a network of the same name and uuid in
// <forward mode='bridge'/> on vnetctl's bridge: libvirt plugs the domains'
// taps into that bridge and does nothing else (no address, dnsmasq or
// firewall), while vnetctl's network serves them. What domains use through the
// network and libvirt still applies per tap (portgroups with their bandwidth,
// <port isolated>, the MTU) is copied; what libvirt cannot apply on a plain
// Linux bridge (<vlan>, an Open vSwitch <virtualport>) is dropped and named.
// Pure.
#pragma once

#include <string>
#include <vector>

#include "core/model/network.h"

namespace vnet::import {

/// The namespace of the <metadata> element that marks a stand-in.
inline constexpr char kStandInNamespace[] = "urn:vnetctl:libvirt-stand-in";

struct StandIn {
  Network network;
  /// One line per element of libvirt's definition left out, e.g.
  /// "/network/portgroup[@name='eng']/vlan: libvirt cannot apply ...".
  std::vector<std::string> dropped;
};

/// The stand-in for `libvirts` (libvirt's own definition of the network),
/// on vnetctl's bridge `bridge`.
StandIn MakeStandIn(const Network& libvirts, const std::string& bridge);

/// Whether `net` (as libvirt lists it) is a stand-in vnetctl left.
bool IsStandIn(const Network& net);

}  // namespace vnet::import
