// What of a libvirt network a backend can carry. Each element the backend
// refuses (Backend::Refusals) is reported with its place; when the backend
// says the element may be dropped (it only configures guests' ports or host
// features vnetctl does not manage: bandwidth, vlan, portgroups, zone …), it
// is left out of the copy that is realized. A forward mode with no bridge of
// its own (macvtap, hostdev) cannot be carried at all. The copy is then
// rendered, for the backend's notes and what only rendering refuses.
// Pure: rendering does no I/O.
#pragma once

#include <string>
#include <vector>

#include "backends/backend.h"
#include "core/error.h"
#include "core/import/libvirt_source.h"
#include "core/model/network.h"

namespace vnet::import {

struct Uncarried {
  std::string where;    // the element's path, e.g. /network/bandwidth
  std::string message;  // the backend's refusal
};

struct CarryReport {
  /// The network without the dropped elements: what vnetctl can realize.
  Network carried;
  std::vector<Uncarried> uncarried;
  /// False when an element that cannot be dropped was refused (the network
  /// can be defined but not started through this backend).
  bool startable = true;
  /// How the backend realizes things differently (the rendering's warnings).
  std::vector<std::string> notes;
};

/// kInvalidInput (or another non-kUnsupported error) when the network is
/// wrong for every backend.
Result<CarryReport> CheckCarry(const Network& net, const Backend& backend, const Caps& caps);

/// libvirt's leases as a dnsmasq lease file. IPv6 leases are left out: the
/// API does not give the server DUID, and dnsmasq ignores IPv6 leases without
/// it (DHCPv6 clients confirm their addresses with the new server instead).
std::string DnsmasqLeasesFrom(const std::vector<SourceLease>& leases);

}  // namespace vnet::import
