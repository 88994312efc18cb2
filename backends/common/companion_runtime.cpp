#include "backends/common/companion_runtime.h"

#include <algorithm>

#include "backends/common/companions.h"
#include "backends/common/dnsmasq.h"
#include "backends/common/nftables.h"
#include "backends/files.h"

namespace vnet {

namespace {

// The same programs, spelled the same way, as the ifupdown hooks (which share
// these functions) and the systemd unit: nft and dnsmasq by absolute path,
// the rest through PATH as /bin/sh would find them.
constexpr const char* kNft = "/usr/sbin/nft";
constexpr const char* kSysctl = "sysctl";
constexpr const char* kStartStopDaemon = "start-stop-daemon";
constexpr const char* kMkdir = "mkdir";
constexpr int kDnsmasqStopRetrySec = 5;

std::string Dirname(const std::string& path) { return path.substr(0, path.rfind('/')); }

// RenderNftRuleset's rule: open mode and the modes without a managed bridge
// have no ruleset (tests/unit check the two agree).
bool HasRuleset(const Network& net) {
  return net.HasManagedBridge() && net.Mode() != ForwardMode::kOpen;
}

bool HasDnsmasq(const Network& net) { return net.HasManagedBridge() && NeedsDnsmasq(net); }

}  // namespace

Commands FirewallUp(const Network& net, Placement placement) {
  if (!HasRuleset(net)) return {};
  const std::string file = NftRulesetPath(net.name, placement);
  return {{{kNft, "-f", file}, /*may_fail=*/false, NftScript{file}}};
}

Commands FirewallDown(const Network& net) {
  if (!HasRuleset(net)) return {};
  // A name NftTableName refuses was refused by Render too: no table exists.
  Result<std::string> table = NftTableName(net.name);
  if (!table.ok()) return {};
  // Already gone (e.g. `nft flush ruleset`) is not worth a failure.
  const std::string command = "delete table inet " + table.value();
  return {
      {{kNft, "delete", "table", "inet", table.value()}, /*may_fail=*/true, NftCommand{command}}};
}

// libvirt writes the forwarding sysctls on start and never resets them on
// stop (another network may rely on them), so there is no ForwardingDown.
Commands ForwardingUp(const Network& net) {
  Commands cmds;
  for (std::string key : ForwardingSysctls(net)) {
    std::replace(key.begin(), key.end(), '/', '.');
    cmds.push_back({{kSysctl, "-qw", key + "=1"}});
  }
  return cmds;
}

// dnsmasq daemonizes and writes the pid file its configuration names
// (pid-file= there overrides the command line); --oknodo makes a second
// start a no-op instead of a failure. /run is empty after a reboot, and
// /var/lib/vnetctl may not exist yet, hence the mkdir.
Commands DnsmasqStart(const Network& net, Placement placement) {
  if (!HasDnsmasq(net)) return {};
  DnsmasqPaths paths = CompanionDnsmasqPaths(net, placement);
  std::vector<std::string> dnsmasq = DnsmasqArgv(paths);
  ActivationCommand start{{kStartStopDaemon, "--start", "--quiet", "--oknodo", "--pidfile",
                           paths.pidfile, "--exec", dnsmasq.front(), "--"}};
  start.argv.insert(start.argv.end(), dnsmasq.begin() + 1, dnsmasq.end());
  return {{{kMkdir, "-p", Dirname(paths.pidfile), Dirname(paths.leasefile)}}, std::move(start)};
}

// --exec as well as --pidfile, so that a stale pid file whose number was
// reused never gets another process killed; --oknodo: not running is fine.
Commands DnsmasqStop(const Network& net) {
  if (!HasDnsmasq(net)) return {};
  StopPidfileDaemon stop{DnsmasqPidPath(net.name), kDnsmasqBinary, kDnsmasqStopRetrySec};
  return {{{kStartStopDaemon, "--stop", "--quiet", "--oknodo", "--retry",
            std::to_string(stop.retry_seconds), "--pidfile", stop.pidfile, "--exec", stop.exec},
           /*may_fail=*/false,
           stop}};
}

// No --oknodo: reloading a dnsmasq that does not run is a failure to report.
Commands DnsmasqReload(const Network& net) {
  if (!HasDnsmasq(net)) return {};
  HangUpPidfileDaemon hup{DnsmasqPidPath(net.name), kDnsmasqBinary};
  return {{{kStartStopDaemon, "--stop", "--signal", "HUP", "--quiet", "--pidfile", hup.pidfile,
            "--exec", hup.exec},
           /*may_fail=*/false,
           hup}};
}

}  // namespace vnet
