// vnetctl's companions of a network: its dnsmasq (DHCP, DNS, RA exactly as
// libvirt configures them), its nftables table, and, for an autostarted
// network on a systemd host, the unit that starts both when the manager
// creates the bridge. Shared by every backend; ifupdown starts them from the
// interface stanza instead of a unit.
#pragma once

#include <vector>

#include "backends/backend.h"
#include "backends/common/dnsmasq.h"

namespace vnet {

enum class CompanionStarter {
  kSystemdUnit,  // persistent placement: a unit wanted by the bridge's device unit
  kManagerHooks  // the manager's own hooks start them (ifupdown post-up)
};

/// The dnsmasq paths for `net` under `placement`.
DnsmasqPaths CompanionDnsmasqPaths(const Network& net, Placement placement);

/// The companion files, sorted by path. Empty for networks without a managed
/// bridge. The systemd unit is only rendered for kPersistent placement: a
/// started (runtime) network's companions are run by `vnetctl start` itself.
Result<std::vector<RenderedFile>> RenderCompanions(const Network& net, const Caps& caps,
                                                   CompanionStarter starter);

/// The sysctls a started network needs (ip_forward for nat/route/open), as
/// /proc/sys paths relative to /proc/sys ("net/ipv4/ip_forward").
std::vector<std::string> ForwardingSysctls(const Network& net);

/// Unit name of a network's companions: vnetctl-NAME.service.
std::string CompanionUnitName(const Network& net);

}  // namespace vnet

namespace vnet {

/// A backend's full rendering: its native files plus the companions, with
/// the bridge-parameter warning, sorted by path.
Result<Rendering> WithCompanions(Result<Rendering> native, const Network& net, const Caps& caps,
                                 CompanionStarter starter);

}  // namespace vnet
