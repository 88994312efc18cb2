#include "backends/ifupdown/companion_hooks.h"

#include "backends/common/companion_runtime.h"
#include "backends/common/nftables.h"
#include "backends/common/passage.h"

namespace vnet::ifupdown {

namespace {

// The hooks run exactly the commands `vnetctl start` runs for the other
// backends (backends/common/companion_runtime.h), written as shell lines.
std::vector<ShellCommand> AsShellCommands(const Commands& commands) {
  std::vector<ShellCommand> out;
  for (const ActivationCommand& c : commands) out.push_back({c.argv, c.may_fail});
  return out;
}

void Append(std::vector<ShellCommand>& to, const Commands& commands) {
  for (ShellCommand& c : AsShellCommands(commands)) to.push_back(std::move(c));
}

}  // namespace

bool HasNftRuleset(const Network& net) { return !FirewallUp(net, Placement::kPersistent).empty(); }

Result<HookCommands> CompanionHooks(const Network& net, Placement placement,
                                    const std::vector<std::string>& passages) {
  // Refuse a name nft cannot take here, with the error; FirewallDown would
  // silently have nothing to delete.
  if (HasNftRuleset(net)) VNET_TRY(NftTableName(net.name));
  HookCommands hooks;
  // The passages only where the stanza boots the network (a started
  // network's vnetctl makes them itself, and a changed stanza is re-applied
  // by taking the bridge down); they stay when it goes down (destroy removes
  // them).
  const std::vector<std::string> at_boot =
      placement == Placement::kPersistent ? passages : std::vector<std::string>{};
  for (ShellCommand& c : AsShellCommands(PassagesUp(at_boot, net.BridgeName()))) {
    c.ignore_failure = true;  // without iptables-nft the network's own companions must still start
    hooks.firewall_up.push_back(std::move(c));
  }
  Append(hooks.firewall_up, FirewallUp(net, placement));
  // ifdown does not stop at a failing down command (0.8.41), and a table
  // already gone is not worth an error: "|| true".
  hooks.post_down = AsShellCommands(FirewallDown(net));
  hooks.post_up = AsShellCommands(ForwardingUp(net));
  Append(hooks.post_up, DnsmasqStart(net, placement));
  hooks.pre_down = AsShellCommands(DnsmasqStop(net));
  return hooks;
}

}  // namespace vnet::ifupdown
