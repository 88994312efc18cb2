#include "backends/common/companions.h"

#include <algorithm>

#include "backends/common/nftables.h"
#include "backends/common/passage.h"
#include "backends/files.h"
#include "core/net/device_unit.h"

namespace vnet {

namespace {

constexpr const char* kNft = "/usr/sbin/nft";
constexpr const char* kSysctl = "/usr/sbin/sysctl";
constexpr const char* kMkdir = "/bin/mkdir";
constexpr const char* kStartStopDaemon = "/sbin/start-stop-daemon";
constexpr const char* kFlock = "/usr/bin/flock";
// The lock every changing vnetctl command holds (core/store: Store::kRunDir,
// Store::kLockName); backends/ may not include the store.
constexpr const char* kVnetctlLock = "/run/vnetctl/lock";

bool HasIpv6(const Network& net) {
  return std::any_of(net.ips.begin(), net.ips.end(), [](const Ip& ip) { return ip.IsIpv6(); });
}

bool HasIpv4(const Network& net) {
  return std::any_of(net.ips.begin(), net.ips.end(), [](const Ip& ip) { return ip.IsIpv4(); });
}

std::string Dirname(const std::string& path) { return path.substr(0, path.rfind('/')); }

// `ignore_failure`: systemd's '-' prefix (the unit goes on when it fails).
std::string ExecLines(const char* key, const std::vector<std::vector<std::string>>& commands,
                      bool ignore_failure = false) {
  std::string out;
  for (const auto& argv : commands) {
    out += key;
    out += ignore_failure ? "=-" : "=";
    for (size_t i = 0; i < argv.size(); ++i) out += (i ? " " : "") + argv[i];
    out += '\n';
  }
  return out;
}

// The passages (Caps::passages) at boot, each command's failure ignored
// ('-'): without iptables-nft the network's own companions must still start.
std::string PassageLines(const Network& net, const std::vector<std::string>& passages) {
  std::vector<std::vector<std::string>> argvs;
  for (const ActivationCommand& c : PassagesUp(passages, net.BridgeName())) argvs.push_back(c.argv);
  return ExecLines("ExecStartPre", argvs, /*ignore_failure=*/true);
}

// The unit never passes a value through a shell: systemd splits ExecStart= on
// blanks, and every value here passed validation's safe charset.
std::string RenderUnit(const Network& net, bool has_rules, const DnsmasqPaths* dnsmasq,
                       const Caps& caps) {
  const Placement placement = caps.placement;
  const std::string& br = net.BridgeName();
  std::vector<std::vector<std::string>> pre;
  std::vector<std::string> mkdirs;
  if (dnsmasq) {
    // A fresh boot's /run has no /run/vnetctl: without its directory dnsmasq
    // cannot write its pid file and fails. The unit makes the directories
    // itself (as the ifupdown hooks do) rather than relying on a tmpfiles.d
    // entry, so it works for every install (package or `cmake --install`).
    // Not RuntimeDirectory=: systemd would remove the directory shared by
    // every network's dnsmasq when one of these units stops.
    mkdirs = {kMkdir, "-p", Dirname(dnsmasq->pidfile), Dirname(dnsmasq->leasefile)};
    pre.push_back(mkdirs);
  }
  // No ExecStopPost deleting the table: the unit stops whenever its dnsmasq
  // exits, and vnetctl itself stops that dnsmasq when it takes over a network
  // the unit brought up at boot (autostart --disable, a restart of the
  // companions); systemd would then delete the table vnetctl has just
  // verified (seen in the booted-VM test bed). vnetctl's destroy deletes it.
  if (has_rules) pre.push_back({kNft, "-f", NftRulesetPath(net.name, placement)});
  for (const auto& key : ForwardingSysctls(net)) {
    std::string dotted = key;
    std::replace(dotted.begin(), dotted.end(), '/', '.');
    pre.push_back({kSysctl, "-qw", dotted + "=1"});
  }
  std::string s = "# Written by vnetctl for network '" + net.name +
                  "'; change it with `vnetctl edit " + net.name + "`.\n";
  s += "[Unit]\nDescription=vnetctl network " + net.name + ": DHCP, DNS and firewall on " + br +
       "\n";
  s += "BindsTo=" + DeviceUnit(br) + "\n";
  s += "After=" + DeviceUnit(br) + "\n\n[Service]\n";
  if (dnsmasq) {
    // No PIDFile=: systemd deletes that file whenever the unit ends, also
    // when it is skipped or fails, and the file is shared with the dnsmasq
    // vnetctl starts itself (seen in the booted-VM test bed: the unit lost
    // the race below, and vnetctl's verification then found no dnsmasq).
    // With one process left after ExecStart, systemd takes it as the main one.
    s += "Type=forking\n";
    // When vnetctl starts an autostarted network itself, the bridge's device
    // appears and systemd starts this unit too. The unit waits for vnetctl's
    // lock (shared: the units at boot do not wait for each other), then is
    // skipped (not failed) if this network's dnsmasq already runs
    // (start-stop-daemon --test: 0 when it would start one, 1 when one runs);
    // its dnsmasq starts under the lock too (-o: dnsmasq does not keep it).
    s += ExecLines("ExecCondition",
                   {mkdirs,
                    {kFlock, "-s", kVnetctlLock, kStartStopDaemon, "--start", "--test", "--quiet",
                     "--pidfile", dnsmasq->pidfile, "--exec", kDnsmasqBinary}});
  } else {
    s += "Type=oneshot\nRemainAfterExit=yes\n";
  }
  s += ExecLines("ExecStartPre", pre);
  s += PassageLines(net, caps.passages);
  if (dnsmasq) {
    std::vector<std::string> start = {kFlock, "-s", "-o", kVnetctlLock};
    for (const std::string& arg : DnsmasqArgv(*dnsmasq)) start.push_back(arg);
    s += ExecLines("ExecStart", {start});
    s += "ExecReload=/bin/kill -HUP $MAINPID\n";
  } else {
    s += "ExecStart=/bin/true\n";
  }
  s += "\n[Install]\nWantedBy=" + DeviceUnit(br) + "\n";
  return s;
}

}  // namespace

std::string CompanionUnitName(const Network& net) { return "vnetctl-" + net.name + ".service"; }

std::vector<std::string> ForwardingSysctls(const Network& net) {
  std::vector<std::string> keys;
  ForwardMode m = net.Mode();
  if (m != ForwardMode::kNat && m != ForwardMode::kRoute && m != ForwardMode::kOpen) return keys;
  if (HasIpv4(net)) keys.push_back("net/ipv4/ip_forward");
  if (HasIpv6(net)) keys.push_back("net/ipv6/conf/all/forwarding");
  return keys;
}

DnsmasqPaths CompanionDnsmasqPaths(const Network& net, Placement placement) {
  DnsmasqPaths p;
  p.conf = DnsmasqConfPath(net.name, placement);
  p.hostsfile = DnsmasqHostsfilePath(net.name, placement);
  p.addnhosts = DnsmasqAddnhostsPath(net.name, placement);
  p.pidfile = DnsmasqPidPath(net.name);
  p.leasefile = DnsmasqLeasePath(net.name);
  return p;
}

Result<std::vector<RenderedFile>> RenderCompanions(const Network& net, const Caps& caps,
                                                   CompanionStarter starter) {
  std::vector<RenderedFile> files;
  if (!net.HasManagedBridge()) return files;
  DnsmasqPaths paths = CompanionDnsmasqPaths(net, caps.placement);
  bool dnsmasq = NeedsDnsmasq(net);
  if (dnsmasq) {
    VNET_ASSIGN_OR_RETURN(DnsmasqConfig conf, RenderDnsmasq(net, paths));
    // dnsmasq re-reads the hosts files after dropping root (SIGHUP), so they
    // stay world-readable; the configuration is root's alone, as libvirt's.
    files.push_back({paths.conf, conf.conf, 0600, "", FileRole::kDnsmasqConf});
    files.push_back({paths.hostsfile, conf.hostsfile, 0644, "", FileRole::kDnsmasqHosts});
    files.push_back({paths.addnhosts, conf.addnhosts, 0644, "", FileRole::kDnsmasqHosts});
  }
  VNET_ASSIGN_OR_RETURN(std::string rules, RenderNftRuleset(net));
  if (!rules.empty()) {
    files.push_back(
        {NftRulesetPath(net.name, caps.placement), rules, 0644, "", FileRole::kFirewall});
  }
  if (starter == CompanionStarter::kSystemdUnit && caps.placement == Placement::kPersistent) {
    const std::string unit = "/etc/systemd/system/" + CompanionUnitName(net);
    files.push_back({unit, RenderUnit(net, !rules.empty(), dnsmasq ? &paths : nullptr, caps), 0644,
                     "", FileRole::kOther});
    files.push_back(
        {"/etc/systemd/system/" + DeviceUnit(net.BridgeName()) + ".wants/" + CompanionUnitName(net),
         "", 0777, unit, FileRole::kOther});
  }
  std::sort(files.begin(), files.end(),
            [](const RenderedFile& a, const RenderedFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace vnet

namespace vnet {

Result<Rendering> WithCompanions(Result<Rendering> native, const Network& net, const Caps& caps,
                                 CompanionStarter starter) {
  if (!native.ok()) return native.error();
  Rendering out = std::move(native).value();
  VNET_ASSIGN_OR_RETURN(std::vector<RenderedFile> companions, RenderCompanions(net, caps, starter));
  for (auto& f : companions) out.files.push_back(std::move(f));
  std::sort(out.files.begin(), out.files.end(),
            [](const RenderedFile& a, const RenderedFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace vnet
