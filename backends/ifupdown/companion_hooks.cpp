#include "backends/ifupdown/companion_hooks.h"

#include <algorithm>

#include "backends/files.h"

namespace vnet::ifupdown {

namespace {

constexpr const char* kNft = "/usr/sbin/nft";
constexpr const char* kDnsmasq = "/usr/sbin/dnsmasq";
constexpr const char* kStartStopDaemon = "start-stop-daemon";
constexpr const char* kDnsmasqStopRetrySec = "5";

bool HasFamily(const Network& net, Family family) {
  return std::any_of(net.ips.begin(), net.ips.end(),
                     [family](const Ip& ip) { return ip.AddrFamily() == family; });
}

bool Forwards(const Network& net) {
  ForwardMode mode = net.Mode();
  return mode == ForwardMode::kNat || mode == ForwardMode::kRoute || mode == ForwardMode::kOpen;
}

std::string Dirname(const std::string& path) { return path.substr(0, path.rfind('/')); }

// libvirt writes the forwarding sysctls on start and never resets them on
// stop (another network may rely on them), so there is no down counterpart.
std::vector<ShellCommand> ForwardingCommands(const Network& net) {
  std::vector<ShellCommand> cmds;
  if (!Forwards(net)) return cmds;
  if (HasFamily(net, Family::kIpv4)) cmds.push_back({{"sysctl", "-qw", "net.ipv4.ip_forward=1"}});
  if (HasFamily(net, Family::kIpv6)) {
    cmds.push_back({{"sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"}});
  }
  return cmds;
}

// The pid file must be the one the companion dnsmasq.conf names in
// pid-file=: that setting overrides a --pid-file on the command line.
ShellCommand StartDnsmasq(const std::string& name, Placement placement) {
  return {{kStartStopDaemon, "--start", "--quiet", "--oknodo", "--pidfile", DnsmasqPidPath(name),
           "--exec", kDnsmasq, "--", "--conf-file=" + DnsmasqConfPath(name, placement)}};
}

// --exec as well as --pidfile, so that a stale pid file whose number was
// reused never gets another process killed.
ShellCommand StopDnsmasq(const std::string& name) {
  return {{kStartStopDaemon, "--stop", "--quiet", "--oknodo", "--retry", kDnsmasqStopRetrySec,
           "--pidfile", DnsmasqPidPath(name), "--exec", kDnsmasq}};
}

void AddDnsmasqHooks(const Network& net, Placement placement, HookCommands& hooks) {
  if (!NeedsDnsmasq(net)) return;
  // /run is empty after a reboot and the persistent stanza comes up at boot.
  hooks.post_up.push_back(
      {{"mkdir", "-p", Dirname(DnsmasqPidPath(net.name)), Dirname(DnsmasqLeasePath(net.name))}});
  hooks.post_up.push_back(StartDnsmasq(net.name, placement));
  hooks.pre_down.push_back(StopDnsmasq(net.name));
}

}  // namespace

std::string IfupdownNftTableName(const std::string& network) { return "vnetctl_" + network; }

bool HasNftRuleset(const Network& net) {
  return net.HasManagedBridge() && net.Mode() != ForwardMode::kOpen;
}

bool NeedsDnsmasq(const Network& net) {
  if (net.ips.empty()) return false;
  bool dhcp_or_tftp = std::any_of(net.ips.begin(), net.ips.end(),
                                  [](const Ip& ip) { return ip.HasDhcp() || ip.tftp_root; });
  bool dns_disabled = net.dns && net.dns->enable == false;
  return dhcp_or_tftp || !dns_disabled;
}

HookCommands CompanionHooks(const Network& net, Placement placement) {
  HookCommands hooks;
  if (HasNftRuleset(net)) {
    hooks.firewall_up.push_back({{kNft, "-f", NftRulesetPath(net.name, placement)}});
    // The table may already be gone (e.g. `nft flush ruleset`); that must not
    // stop ifdown, so the failure is tolerated.
    hooks.post_down.push_back(
        {{kNft, "delete", "table", kIfupdownNftFamily, IfupdownNftTableName(net.name)}, true});
  }
  std::vector<ShellCommand> fwd = ForwardingCommands(net);
  hooks.post_up.insert(hooks.post_up.end(), fwd.begin(), fwd.end());
  AddDnsmasqHooks(net, placement, hooks);
  return hooks;
}

}  // namespace vnet::ifupdown
