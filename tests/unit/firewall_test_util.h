// Base chains for the tests of what drops a network's traffic (plan,
// transaction, doctor, firewalld): the chain as live::ReadFirewallChains
// would give it, before its policy, rules and jumps are set.
#pragma once

#include <string>

#include "core/live/firewall.h"

namespace vnet::testing {

inline live::FirewallChain BaseChain(std::string family, std::string table, std::string name,
                                     std::string hook) {
  live::FirewallChain c;
  c.family = std::move(family);
  c.table = std::move(table);
  c.name = std::move(name);
  c.hook = std::move(hook);
  return c;
}

/// iptables' FORWARD with policy DROP (Docker's, ufw's), in iptables-nft's table.
inline live::FirewallChain IptablesForwardDrop() {
  live::FirewallChain c = BaseChain("ip", "filter", "FORWARD", "forward");
  c.policy_drop = true;
  return c;
}

}  // namespace vnet::testing
