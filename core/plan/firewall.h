// What the host's own firewall does to a network's traffic: a foreign base
// chain on the forward or input hook that drops what it does not accept, and
// accepts nothing for the network's bridge, blocks the guests' forwarded
// traffic or their DHCP/DNS to the host -- whatever vnetctl's own table
// accepts (an accept in one base chain does not overrule a drop in another on
// the same hook). Where the chain is iptables' own FORWARD or INPUT (Docker's
// and ufw's policy), vnetctl repairs it with a passage
// (backends/common/passage.h); any other table is the host's to change. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "backends/common/passage.h"
#include "core/live/firewall.h"
#include "core/plan/desired.h"

namespace vnet::plan {

/// A foreign chain that drops the network's traffic.
struct Blocked {
  std::string chain;  // "ip filter FORWARD"
  std::string why;    // "policy drop, and no rule of it accepts virbr0: ..."
  /// Set when the chain is iptables' built-in one and vnetctl's passage lets
  /// the traffic through; otherwise diff reports it, start and apply warn.
  std::optional<Passage> passage;
};

std::vector<Blocked> PlanFirewall(const Desired& want,
                                  const std::vector<live::FirewallChain>& chains);

/// The passages whose jump is in `chains` (what a status record keeps).
std::vector<std::string> PassagesIn(const std::string& bridge,
                                    const std::vector<live::FirewallChain>& chains);

}  // namespace vnet::plan
