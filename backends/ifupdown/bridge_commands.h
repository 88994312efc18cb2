// Bridge-level settings that ifupdown's inet static method cannot express,
// as post-up/pre-down commands: IPv6 sysctls, further addresses, routes.
#pragma once

#include <string>
#include <vector>

#include "backends/ifupdown/shell_command.h"
#include "core/error.h"
#include "core/model/network.h"

namespace vnet::ifupdown {

/// libvirt's networkSetIPv6Sysctls: disable_ipv6=1 without an IPv6 <ip>
/// (else 0), accept_ra=0 and autoconf=0 in both cases. Missing keys are
/// ignored (sysctl -e), as libvirt ignores a kernel without IPv6.
std::vector<ShellCommand> Ipv6SysctlCommands(const Network& net, const std::string& bridge);

/// "A/P" of an <ip> or <route>; kInvalidInput when the prefix is unusable.
Result<std::string> IpCidr(const Ip& ip, const std::string& network);

/// `ip addr add` for every <ip> except `skip` (the one carried by the
/// stanza's own address option). IPv6 addresses get nodad: a portless bridge
/// has no carrier, so DAD would leave them tentative and unusable.
Result<std::vector<ShellCommand>> ExtraAddressCommands(const Network& net,
                                                       const std::string& bridge, const Ip* skip);

struct RouteCommands {
  std::vector<ShellCommand> up;    // post-up: ip route add … via … dev BR metric M
  std::vector<ShellCommand> down;  // pre-down: ip route del …, failure tolerated
};

/// Every <route>, with libvirt's metric default of 1.
Result<RouteCommands> BuildRouteCommands(const Network& net, const std::string& bridge);

}  // namespace vnet::ifupdown
