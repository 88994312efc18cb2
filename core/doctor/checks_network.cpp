// The checks of one network: what drops its traffic, what its forwarding
// needs from the kernel, and what else on the host claims its bridge or
// subnets.
#include <algorithm>
#include <optional>
#include <string>

#include "backends/common/passage.h"
#include "core/doctor/checks.h"
#include "core/plan/firewalld.h"

namespace vnet::doctor {

namespace {

bool Forwards(const Network& net) {
  return net.forward &&
         (net.forward->mode == ForwardMode::kNat || net.forward->mode == ForwardMode::kRoute);
}

bool HasFamily(const Network& net, Family f) {
  return std::any_of(net.ips.begin(), net.ips.end(),
                     [f](const Ip& ip) { return ip.AddrFamily() == f; });
}

// What chain `ref` drops of the network's traffic, for the summary: an
// iptables built-in chain (nft's or iptables-legacy's) says it through its
// passage; another table's chain by its name (firewalld's filter_INPUT).
std::string TrafficOf(const Subject& s, const std::string& ref) {
  std::optional<Passage> p = PassageFromRef(ref, s.net.BridgeName());
  bool input = p ? !p->forward : ref.ends_with("INPUT");
  return input ? "its guests' DHCP and DNS to the host" : "its guests' traffic";
}

// How to let a bridge through a chain vnetctl does not change.
std::string BlockedFix(const Subject& s, const std::string& chain) {
  const std::string& br = s.net.BridgeName();
  if (chain.starts_with("inet firewalld ")) {
    std::string zone = s.net.bridge && s.net.bridge->zone ? *s.net.bridge->zone : "libvirt";
    return "put " + br + " in a firewalld zone that accepts it (libvirt's zone '" + zone +
           "', or 'trusted'): firewall-cmd --permanent --zone=" + zone + " --add-interface=" + br +
           " && firewall-cmd --reload";
  }
  return "accept iifname/oifname \"" + br + "\" in " + chain +
         " (that table is not vnetctl's to change)";
}

bool Overlaps(const IpAddr& a, int pa, const IpAddr& b, int pb) {
  if (a.family != b.family) return false;
  int p = std::min(pa, pb);
  return NetworkAddress(a, p) == NetworkAddress(b, p);
}

std::string Cidr(const IpAddr& a, int prefix) {
  return NetworkAddress(a, prefix).ToString() + "/" + std::to_string(prefix);
}

}  // namespace

void CheckFirewall(const Subject& s, Findings& out) {
  const Severity sev = s.active ? Severity::kError : Severity::kWarning;
  const std::string when = s.active ? "" : " (once started)";
  for (const plan::Step& step : s.plan.steps) {
    if (step.object != plan::Object::kPassage) continue;
    out.push_back({sev, "firewall", s.net.name,
                   step.name + " drops " + TrafficOf(s, step.name) + when, step.why,
                   std::string(s.active ? "vnetctl apply " : "vnetctl start ") + s.net.name +
                       ": vnetctl's passage, a chain jumped to first, lets the bridge through; "
                       "the host's policy and rules stay as they are"});
  }
  for (const plan::Blocked& b : s.plan.blocked) {
    out.push_back({sev, "firewall", s.net.name, b.chain + " drops " + TrafficOf(s, b.chain) + when,
                   b.why, BlockedFix(s, b.chain)});
  }
}

void CheckForwarding(const Subject& s, const HostFacts& facts, Findings& out) {
  if (!s.active || !Forwards(s.net)) return;
  struct Knob {
    Family family;
    const char* key;
    const char* label;
  };
  for (const Knob& k :
       {Knob{Family::kIpv4, "net/ipv4/ip_forward", "net.ipv4.ip_forward"},
        Knob{Family::kIpv6, "net/ipv6/conf/all/forwarding", "net.ipv6.conf.all.forwarding"}}) {
    if (!HasFamily(s.net, k.family)) continue;
    std::string v = SysctlOf(facts, k.key);
    if (v.empty() || v == "1") continue;
    out.push_back({Severity::kError, "forwarding", s.net.name,
                   std::string(k.family == Family::kIpv4 ? "IPv4" : "IPv6") +
                       " forwarding is off: guests cannot reach past the host",
                   std::string(k.label) + " = " + v,
                   "vnetctl apply " + s.net.name +
                       " turns it on again; find what turned it off "
                       "(a file in /etc/sysctl.d, a firewall script)"});
  }
}

void CheckRpFilter(const Subject& s, const HostFacts& facts, Findings& out) {
  // Only a routed network's guests send from addresses whose return route
  // may leave by another link; NAT's replies come back through conntrack.
  if (!s.active || !s.net.forward || s.net.forward->mode != ForwardMode::kRoute) return;
  const std::string& br = s.net.BridgeName();
  std::string all = SysctlOf(facts, "net/ipv4/conf/all/rp_filter");
  std::string dev = SysctlOf(facts, "net/ipv4/conf/" + br + "/rp_filter");
  if (all != "1" && dev != "1") return;  // the kernel uses the larger of the two
  out.push_back(
      {Severity::kWarning, "rp-filter", s.net.name,
       "strict reverse-path filtering on " + br +
           " drops routed traffic whose return route leaves by another link",
       "net.ipv4.conf.all.rp_filter = " + all + ", net.ipv4.conf." + br + ".rp_filter = " + dev,
       "sysctl -w net.ipv4.conf.all.rp_filter=2 net.ipv4.conf." + br +
           ".rp_filter=2 (loose), unless every return route goes back through " + br});
}

void CheckStp(const Subject& s, const HostFacts& facts, Findings& out) {
  if (!s.net.HasManagedBridge()) return;
  bool stp = !s.net.bridge || !s.net.bridge->stp || *s.net.bridge->stp;
  uint32_t delay = s.net.bridge && s.net.bridge->delay ? *s.net.bridge->delay : 0;
  if (!stp || delay >= 2) return;
  std::string evidence = "<bridge stp='on' delay='" + std::to_string(delay) + "'/>";
  if (const live::Link* l = facts.kernel.FindLink(s.net.BridgeName());
      s.active && l && l->forward_delay_cs) {
    evidence += "; the kernel keeps " + s.net.BridgeName() + "'s forward delay at " +
                std::to_string(*l->forward_delay_cs / 100.0).substr(0, 4) + " s";
  }
  out.push_back({Severity::kNote, "stp", s.net.name,
                 "with STP on, the kernel makes the forward delay at least 2 s: a guest's port "
                 "forwards about 4 s after it joins (libvirt's bridges do the same)",
                 evidence,
                 "nothing, if that wait is fine; <bridge stp='off'/> where the bridge cannot be "
                 "part of a loop (no physical port)"});
}

void CheckRoutes(const Subject& s, const HostFacts& facts, Findings& out) {
  if (!s.net.HasManagedBridge()) return;
  const std::string& br = s.net.BridgeName();
  for (const Ip& ip : s.net.ips) {
    const int prefix = ip.EffectivePrefix();
    for (const live::Route& r : facts.kernel.routes) {
      if (r.prefix == 0 || r.dev == br || !Overlaps(ip.address, prefix, r.dest, r.prefix)) continue;
      std::string route = Cidr(r.dest, r.prefix) +
                          (r.gateway ? " via " + r.gateway->ToString() : std::string()) +
                          (r.dev.empty() ? "" : " dev " + r.dev) + " proto " + r.protocol;
      out.push_back({Severity::kError, "route", s.net.name,
                     "the subnet " + Cidr(ip.address, prefix) + " overlaps a route of the host's",
                     route,
                     "give the network another subnet, or remove what adds that route (another "
                     "manager's connection: nmcli connection show, networkctl, /etc/network)"});
    }
  }
}

void CheckConnections(const Subject& s, const HostFacts& facts, Findings& out) {
  const std::string& br = s.net.BridgeName();
  for (const ConfiguredAddress& c : facts.connections) {
    for (const Ip& ip : s.net.ips) {
      const int prefix = ip.EffectivePrefix();
      // The network's own address on its bridge, from whichever manager
      // renders it (netplan's generated .network file): not a clash.
      if (c.iface == br && c.addr == ip.address && c.prefix == prefix) continue;
      if (!Overlaps(ip.address, prefix, c.addr, c.prefix)) continue;
      std::string where = c.iface.empty() ? "" : " on " + c.iface;
      out.push_back({Severity::kError, "connection", s.net.name,
                     "another manager's connection puts " + c.addr.ToString() + "/" +
                         std::to_string(c.prefix) + where + " inside the subnet " +
                         Cidr(ip.address, prefix),
                     c.file,
                     "give the network another subnet, or change that connection (it clashes "
                     "whenever it is up)"});
    }
  }
}

void CheckFirewalldZone(const Subject& s, const HostFacts& facts, Findings& out) {
  if (!s.net.HasManagedBridge()) return;
  const std::string& br = s.net.BridgeName();
  auto [zone, bound] = plan::FirewalldZoneOf(facts.chains, br);
  if (zone.empty()) return;
  const std::optional<std::string> want = s.net.bridge ? s.net.bridge->zone : std::nullopt;
  if (want ? zone == *want
           : zone == "libvirt" || zone == "libvirt-routed" || zone == "vnetctl" ||
                 zone == "trusted") {
    return;
  }
  std::string evidence =
      "inet firewalld filter_INPUT_ZONES: " +
      (bound ? "iifname \"" + br + "\" goto filter_IN_" + zone
             : "no rule for " + br + ", so the default zone's goto filter_IN_" + zone);
  std::string to = want ? *want : "trusted";
  std::string fix = "firewall-cmd --permanent --zone=" + to + " --change-interface=" + br +
                    " && firewall-cmd --reload" +
                    (want ? ""
                          : " (or libvirt's zone 'libvirt' where libvirt's package installed it; "
                            "then <bridge zone='...'/> names it)");
  if (want) {
    out.push_back({Severity::kError, "firewalld-zone", s.net.name,
                   "firewalld has " + br + " in the zone '" + zone + "', not in '" + *want +
                       "' that <bridge zone> names",
                   evidence, fix});
  } else {
    out.push_back({Severity::kWarning, "firewalld-zone", s.net.name,
                   "firewalld has " + br + " in the zone '" + zone + "'" +
                       (bound ? "" : " (its default zone)") +
                       ", where libvirt puts its bridges in 'libvirt': unless that zone allows "
                       "them, the guests' DHCP, DNS and forwarded traffic are rejected",
                   evidence, fix});
  }
}

void CheckNetworkManager(const Subject& s, const HostFacts& facts, Findings& out) {
  if (!s.net.HasManagedBridge()) return;
  const std::string& br = s.net.BridgeName();
  for (const NmConnection& c : facts.nm_connections) {
    const bool bridge = c.iface == br;
    if (!bridge && c.controller != br) continue;
    out.push_back({bridge ? Severity::kError : Severity::kWarning, "networkmanager", s.net.name,
                   bridge
                       ? "NetworkManager's connection '" + c.id + "' is for the bridge " + br +
                             ": whenever it is up, NetworkManager configures the bridge its own way"
                       : "NetworkManager's connection '" + c.id + "' makes " +
                             (c.iface.empty() ? "a link" : c.iface) + " a port of " + br +
                             " whenever it is up",
                   c.file,
                   "nmcli connection delete '" + c.id +
                       "' (or remove the file), or give the network another bridge name"});
  }
}

void CheckChecksum(const Subject& s, const HostFacts& facts, Findings& out) {
  const bool dhcp4 = std::any_of(s.net.ips.begin(), s.net.ips.end(), [](const Ip& ip) {
    return ip.AddrFamily() == Family::kIpv4 && ip.HasDhcp();
  });
  if (!s.active || !dhcp4) return;
  std::string ports;
  for (const live::Link& l : facts.kernel.links) {
    auto it = facts.tx_checksum.find(l.name);
    if (l.master != s.net.BridgeName() || it == facts.tx_checksum.end() || !it->second) continue;
    ports += (ports.empty() ? "" : ", ") + l.name;
  }
  if (ports.empty()) return;
  out.push_back({Severity::kNote, "checksum", s.net.name,
                 "DHCP replies reach the guests with their UDP checksum left to offload; a DHCP "
                 "client that checks it on its raw socket (old ISC dhclient) drops them. "
                 "libvirt's iptables CHECKSUM rule fills it in; nftables has no such rule",
                 "tx-checksumming on: " + ports,
                 "nothing, unless such a guest gets no lease: then ethtool -K PORT tx off for its "
                 "port, or a newer DHCP client in the guest"});
}

void CheckLibvirt(const Subject& s, const HostFacts& facts, Findings& out) {
  const std::string& br = s.net.BridgeName();
  for (const LibvirtNetwork& l : facts.libvirt) {
    std::string clash;
    if (!br.empty() && l.bridge == br) clash = "the bridge " + br;
    for (const Ip& ip : s.net.ips) {
      for (const auto& [addr, prefix] : l.subnets) {
        if (clash.empty() && Overlaps(ip.address, ip.EffectivePrefix(), addr, prefix)) {
          clash = "the subnet " + Cidr(addr, prefix);
        }
      }
    }
    if (clash.empty()) continue;
    const bool live = l.active || l.autostart;
    std::string state = l.active ? (l.autostart ? "active, autostarted" : "active")
                                 : (l.autostart ? "autostarted" : "inactive, not autostarted");
    out.push_back({live ? Severity::kError : Severity::kNote, "libvirt", s.net.name,
                   "libvirt's network '" + l.name + "' uses " + clash + " too",
                   l.origin + " (" + state + ")",
                   live ? "vnetctl import --takeover " + l.name +
                              " moves it to vnetctl; or virsh net-destroy " + l.name +
                              " && virsh net-autostart --disable " + l.name
                        : "nothing while libvirt does not start it; virsh net-undefine " + l.name +
                              " removes it"});
  }
}

}  // namespace vnet::doctor
