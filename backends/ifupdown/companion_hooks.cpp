#include "backends/ifupdown/companion_hooks.h"

#include <algorithm>

#include "backends/common/companions.h"
#include "backends/common/dnsmasq.h"
#include "backends/common/nftables.h"
#include "backends/files.h"

namespace vnet::ifupdown {

namespace {

constexpr const char* kNft = "/usr/sbin/nft";
constexpr const char* kStartStopDaemon = "start-stop-daemon";
constexpr const char* kDnsmasqStopRetrySec = "5";

std::string Dirname(const std::string& path) { return path.substr(0, path.rfind('/')); }

// libvirt writes the forwarding sysctls on start and never resets them on
// stop (another network may rely on them), so there is no down counterpart.
std::vector<ShellCommand> ForwardingCommands(const Network& net) {
  std::vector<ShellCommand> cmds;
  for (std::string key : ForwardingSysctls(net)) {
    std::replace(key.begin(), key.end(), '/', '.');
    cmds.push_back({{"sysctl", "-qw", key + "=1"}});
  }
  return cmds;
}

// dnsmasq daemonizes and writes the pid file its configuration names
// (pid-file= there overrides the command line); --oknodo makes a second ifup
// a no-op instead of a failure.
ShellCommand StartDnsmasq(const DnsmasqPaths& paths) {
  std::vector<std::string> argv = DnsmasqArgv(paths);
  ShellCommand cmd{{kStartStopDaemon, "--start", "--quiet", "--oknodo", "--pidfile", paths.pidfile,
                    "--exec", argv.front(), "--"}};
  cmd.argv.insert(cmd.argv.end(), argv.begin() + 1, argv.end());
  return cmd;
}

// --exec as well as --pidfile, so that a stale pid file whose number was
// reused never gets another process killed.
ShellCommand StopDnsmasq(const DnsmasqPaths& paths) {
  return {{kStartStopDaemon, "--stop", "--quiet", "--oknodo", "--retry", kDnsmasqStopRetrySec,
           "--pidfile", paths.pidfile, "--exec", kDnsmasqBinary}};
}

void AddDnsmasqHooks(const Network& net, Placement placement, HookCommands& hooks) {
  if (!NeedsDnsmasq(net)) return;
  DnsmasqPaths paths = CompanionDnsmasqPaths(net, placement);
  // /run is empty after a reboot, and the persistent stanza comes up at boot.
  hooks.post_up.push_back({{"mkdir", "-p", Dirname(paths.pidfile), Dirname(paths.leasefile)}});
  hooks.post_up.push_back(StartDnsmasq(paths));
  hooks.pre_down.push_back(StopDnsmasq(paths));
}

}  // namespace

bool HasNftRuleset(const Network& net) {
  return net.HasManagedBridge() && net.Mode() != ForwardMode::kOpen;
}

Result<HookCommands> CompanionHooks(const Network& net, Placement placement) {
  HookCommands hooks;
  if (HasNftRuleset(net)) {
    VNET_ASSIGN_OR_RETURN(std::string table, NftTableName(net.name));
    hooks.firewall_up.push_back({{kNft, "-f", NftRulesetPath(net.name, placement)}});
    // The table may already be gone (e.g. `nft flush ruleset`); that is not
    // worth a failure in ifdown.
    hooks.post_down.push_back({{kNft, "delete", "table", "inet", table}, true});
  }
  hooks.post_up = ForwardingCommands(net);
  AddDnsmasqHooks(net, placement, hooks);
  return hooks;
}

}  // namespace vnet::ifupdown
