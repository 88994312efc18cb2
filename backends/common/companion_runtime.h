// Starting and stopping a started network's companions (its nftables table,
// forwarding sysctls and dnsmasq) from `vnetctl start`/`destroy`, for the
// backends whose native files do not do it themselves (all but ifupdown).
// Pure: each function returns commands; core/apply runs them. The commands
// are the ones the ifupdown hooks and the systemd unit use, so all backends
// behave alike.
#pragma once

#include "backends/backend.h"
#include "core/model/network.h"

namespace vnet {

/// `nft -f <ruleset>` when the network has a ruleset; nothing otherwise.
Commands FirewallUp(const Network& net, Placement placement);
/// Deletes the network's nftables table; may fail when it is already gone.
Commands FirewallDown(const Network& net);
/// `sysctl -qw` for ForwardingSysctls(net).
Commands ForwardingUp(const Network& net);
/// Creates the pid/lease directories and starts dnsmasq (start-stop-daemon
/// --start --oknodo --pidfile), when NeedsDnsmasq(net).
Commands DnsmasqStart(const Network& net, Placement placement);
/// Stops the dnsmasq of the pid file (start-stop-daemon --stop --oknodo
/// --retry 5 --exec dnsmasq), so a stale pid file never kills another process.
Commands DnsmasqStop(const Network& net);
/// SIGHUP: dnsmasq re-reads its hostsfile and addn-hosts (static hosts and
/// DNS entries) without dropping leases.
Commands DnsmasqReload(const Network& net);

}  // namespace vnet
