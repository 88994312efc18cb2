// The commands with which an ifupdown stanza starts and stops vnetctl's
// companions (nftables table, forwarding sysctls, dnsmasq). ifupdown is the
// only backend whose native file does this: it has no unit or dispatcher of
// its own to hang them on. The files themselves come from
// backends/common/companions.h; this module only names them in commands.
#pragma once

#include <string>
#include <vector>

#include "backends/backend.h"
#include "backends/ifupdown/shell_command.h"
#include "core/error.h"
#include "core/model/network.h"

namespace vnet::ifupdown {

/// Whether the companions include an nftables ruleset: the rule of
/// RenderNftRuleset (no rules for open, none without a managed bridge).
bool HasNftRuleset(const Network& net);

struct HookCommands {
  std::vector<ShellCommand> firewall_up;  // post-up, before addresses and routes (libvirt's order)
  std::vector<ShellCommand> post_up;      // post-up, last: forwarding, dnsmasq
  std::vector<ShellCommand> pre_down;
  std::vector<ShellCommand> post_down;
};

/// Start/stop commands for the companions of `net`, whose files live at the
/// backends/files.h paths for `placement`, and first, for kPersistent, the
/// `passages` (Caps::passages; a failure does not stop ifup). kInvalidInput when the
/// network's name cannot name an nftables table.
Result<HookCommands> CompanionHooks(const Network& net, Placement placement,
                                    const std::vector<std::string>& passages = {});

}  // namespace vnet::ifupdown
