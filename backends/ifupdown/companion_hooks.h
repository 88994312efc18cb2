// The commands with which an ifupdown stanza starts and stops vnetctl's
// companions (nftables table, forwarding sysctls, dnsmasq). ifupdown is the
// only backend whose native file does this: it has no unit or dispatcher of
// its own to hang them on.
#pragma once

#include <string>
#include <vector>

#include "backends/backend.h"
#include "backends/ifupdown/shell_command.h"
#include "core/model/network.h"

namespace vnet::ifupdown {

/// The network's nftables table is `table inet vnetctl_NAME`.
/// TODO(integrator): replace with the common nftables module's name function
/// once backends/common/nftables.h exposes one.
inline constexpr const char* kIfupdownNftFamily = "inet";
std::string IfupdownNftTableName(const std::string& network);

/// Whether the companions include an nftables ruleset: every managed mode
/// except open, which libvirt leaves without firewall rules.
bool HasNftRuleset(const Network& net);

/// libvirt's networkStartDhcpDaemon condition: at least one <ip>, and DHCP
/// ranges, static hosts or TFTP on one of them, or DNS not disabled.
bool NeedsDnsmasq(const Network& net);

struct HookCommands {
  std::vector<ShellCommand> firewall_up;  // post-up, before addresses and routes (libvirt's order)
  std::vector<ShellCommand> post_up;      // post-up, last: forwarding, dnsmasq
  std::vector<ShellCommand> pre_down;
  std::vector<ShellCommand> post_down;
};

/// Start/stop commands for the companions of `net`, whose files live at the
/// backends/files.h paths for `placement`.
HookCommands CompanionHooks(const Network& net, Placement placement);

}  // namespace vnet::ifupdown
