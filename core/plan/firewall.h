// What the host's own firewall does to a network's traffic: a foreign base
// chain on the forward or input hook that drops what it does not accept, and
// accepts nothing for the network's bridge, blocks the guests' forwarded
// traffic or their DHCP/DNS to the host -- whatever vnetctl's own table
// accepts (an accept in one base chain does not overrule a drop in another on
// the same hook). Pure.
#pragma once

#include <string>
#include <vector>

#include "core/live/firewall.h"
#include "core/plan/desired.h"

namespace vnet::plan {

/// A foreign chain that drops the network's traffic. vnetctl does not change
/// it (yet): diff reports it, start and apply warn.
struct Blocked {
  std::string chain;  // "ip filter FORWARD"
  std::string why;    // "policy drop: guests' forwarded IPv4 traffic"
};

std::vector<Blocked> PlanFirewall(const Desired& want,
                                  const std::vector<live::FirewallChain>& chains);

}  // namespace vnet::plan
