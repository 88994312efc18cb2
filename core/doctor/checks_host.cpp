// The checks of the host as a whole: servers that take the DHCP and DNS
// ports on every interface, and br_netfilter sending bridged traffic through
// a FORWARD chain that drops it.
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "core/doctor/checks.h"

namespace vnet::doctor {

namespace {

bool Wildcard(const IpAddr& a) { return a == IpAddr{a.family, {}}; }

bool NeedsDnsmasq(const Network& net) {
  bool dns = !net.dns || !net.dns->enable || *net.dns->enable;
  return net.HasManagedBridge() && (dns || std::any_of(net.ips.begin(), net.ips.end(),
                                                       [](const Ip& ip) { return ip.HasDhcp(); }));
}

std::string Holders(const live::Listener& l) {
  if (l.pids.empty()) return "an unknown process";
  std::string s;
  for (size_t i = 0; i < l.pids.size(); ++i) {
    std::string prog = i < l.programs.size() && !l.programs[i].empty() ? l.programs[i] : "pid";
    s += (i ? ", " : "") + prog + " (pid " + std::to_string(l.pids[i]) + ")";
  }
  return s;
}

std::string Socket(const live::Listener& l) {
  std::string addr =
      l.addr.family == Family::kIpv6 ? "[" + l.addr.ToString() + "]" : l.addr.ToString();
  return l.proto + " " + addr + ":" + std::to_string(l.port);
}

std::string_view Service(uint16_t port) { return port == kDnsPort ? "DNS" : "DHCP"; }

}  // namespace

void CheckListeners(const std::vector<Subject>& subjects, const HostFacts& facts, Findings& out) {
  bool needed = std::any_of(subjects.begin(), subjects.end(),
                            [](const Subject& s) { return NeedsDnsmasq(s.net); });
  // One finding per port and server: its UDP and TCP, IPv4 and IPv6 sockets.
  std::map<std::pair<uint16_t, std::string>, std::vector<std::string>> sockets;
  for (const live::Listener& l : facts.listeners) {
    if (!Wildcard(l.addr) || !l.device.empty()) continue;  // bound to one address or link
    if (!l.pids.empty() && std::all_of(l.pids.begin(), l.pids.end(), [&](int pid) {
          return facts.network_dnsmasqs.count(pid) != 0;
        })) {
      continue;  // a network's own dnsmasq (vnetctl's or libvirt's)
    }
    sockets[{l.port, Holders(l)}].push_back(Socket(l));
  }
  for (const auto& [key, socks] : sockets) {
    const auto& [port, who] = key;
    std::string evidence;
    for (const std::string& s : socks) evidence += (evidence.empty() ? "" : ", ") + s;
    out.push_back(
        {needed ? Severity::kError : Severity::kWarning, "listener", "",
         who + " serves " + std::string(Service(port)) + " on every address (port " +
             std::to_string(port) + ")",
         evidence + ": a network's dnsmasq then cannot bind its own address ('Address already in "
                    "use'), and guests may be answered by this server",
         "make it listen only where it serves (dnsmasq: bind-interfaces or bind-dynamic, with "
         "listen-address= or except-interface=virbr*), or stop it; systemd-resolved's stub on "
         "127.0.0.53 is fine"});
  }
}

void CheckBrNetfilter(const std::vector<Subject>& subjects, const HostFacts& facts, Findings& out) {
  std::string v = SysctlOf(facts, "net/bridge/bridge-nf-call-iptables");
  if (v != "1") return;
  // Guests on one bridge now cross FORWARD: a drop there that does not pass
  // the bridge cuts them off from each other, whatever the bridge forwards.
  std::string blocked;
  for (const Subject& s : subjects) {
    const std::string& br = s.net.BridgeName();
    if (!s.active || br.empty()) continue;
    for (const live::FirewallChain& c : facts.chains) {
      if (c.hook != "forward" || c.table.starts_with("vnetctl_") || !c.Drops() || c.Passes(br)) {
        continue;
      }
      blocked += (blocked.empty() ? "" : "; ") + c.Ref() + " drops, and does not pass " + br;
    }
  }
  out.push_back(
      {blocked.empty() ? Severity::kNote : Severity::kWarning, "br-netfilter", "",
       "br_netfilter sends traffic between guests on one bridge through the host's FORWARD "
       "chains",
       "net.bridge.bridge-nf-call-iptables = 1" + (blocked.empty() ? "" : "; " + blocked),
       blocked.empty() ? "nothing while FORWARD lets the bridges through (vnetctl's passages do)"
                       : "vnetctl apply on each network makes its passage; or sysctl -w "
                         "net.bridge.bridge-nf-call-iptables=0 where nothing needs it (Docker's "
                         "own bridges do)"});
}

std::string SysctlOf(const HostFacts& facts, const std::string& key) {
  auto it = facts.sysctls.find(key);
  return it == facts.sysctls.end() ? "" : it->second;
}

}  // namespace vnet::doctor
