// libvirt's start-time checks against the live host, with its messages
// (networkStartNetworkVirtual / networkCheckRouteCollision), plus the ones
// vnetctl adds because it shares the host with other managers.
#pragma once

#include <vector>

#include "core/error.h"
#include "core/live/host_state.h"
#include "core/model/network.h"

namespace vnet::apply {

/// `others`: the other active networks (their live definitions).
/// - an IPv4 <ip> subnet already routed on another interface:
///   "internal error: Network is already in use by interface DEV";
/// - a <route> destination already routed elsewhere:
///   "internal error: Route address 'A' conflicts with IP address for 'DEV'";
/// - another active network with the same bridge:
///   "internal error: bridge name 'BR' already in use.";
/// - the bridge name taken by a host device vnetctl does not own (unless
///   `bridge_is_ours`: a killed start left it, see LeftByKilledStart);
/// - a forward dev that does not exist.
Status CheckHost(const Network& net, const live::HostState& kernel,
                 const std::vector<Network>& others, bool bridge_is_ours = false);

}  // namespace vnet::apply
