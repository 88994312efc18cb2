#include "core/plan/firewall.h"

namespace vnet::plan {
namespace {

bool CoversIpv4(const std::string& family) { return family == "ip" || family == "inet"; }
bool CoversIpv6(const std::string& family) { return family == "ip6" || family == "inet"; }

// What of the network's traffic `c` sees, e.g. "forwarded IPv4 and IPv6 traffic".
std::string Traffic(const Desired& want, const live::FirewallChain& c) {
  bool forward = c.hook == "forward", input = c.hook == "input";
  bool routed = want.forward_ipv4 || want.forward_ipv6;
  bool f4 = routed ? want.forward_ipv4 : want.bridged_ipv4;
  bool f6 = routed ? want.forward_ipv6 : want.bridged_ipv6;
  bool v4 = CoversIpv4(c.family) && ((forward && f4) || (input && want.serve_ipv4));
  bool v6 = CoversIpv6(c.family) && ((forward && f6) || (input && want.serve_ipv6));
  if (!v4 && !v6) return "";
  std::string families = v4 && v6 ? "IPv4 and IPv6" : v4 ? "IPv4" : "IPv6";
  if (!forward) return "the guests' " + families + " DHCP and DNS to the host";
  if (routed) return "the guests' forwarded " + families + " traffic";
  return "the guests' " + families + " traffic to each other (with br_netfilter)";
}

// iptables' built-in chain (iptables-nft keeps iptables' upper-case names in
// the ip and ip6 "filter" tables; nftables' own tables use their own names):
// the passage for it, if it is one.
std::optional<Passage> PassageFor(const live::FirewallChain& c, const std::string& bridge) {
  std::optional<Passage> p = PassageFromRef(c.Ref(), bridge);
  if (!p || c.hook != (p->forward ? "forward" : "input")) return std::nullopt;
  return p;
}

}  // namespace

std::vector<Blocked> PlanFirewall(const Desired& want,
                                  const std::vector<live::FirewallChain>& chains) {
  std::vector<Blocked> out;
  if (want.bridge.empty()) return out;
  for (const live::FirewallChain& c : chains) {
    if (c.family == "inet" && c.table.starts_with("vnetctl_")) continue;  // vnetctl's own
    // firewalld's chains pass what the bridge's zone accepts: the zone step decides.
    if (!want.firewalld_zone.empty() && c.family == "inet" && c.table == "firewalld") continue;
    if (!c.Drops() || c.Passes(want.bridge)) continue;
    std::string traffic = Traffic(want, c);
    if (traffic.empty()) continue;
    std::string how = c.policy_drop ? "policy drop" : "a rule drops what no rule accepts";
    out.push_back(
        {c.Ref(),
         how + ", and no rule of it accepts " + want.bridge + ": " + traffic + " is dropped",
         PassageFor(c, want.bridge)});
  }
  return out;
}

std::vector<std::string> PassagesIn(const std::string& bridge,
                                    const std::vector<live::FirewallChain>& chains) {
  std::vector<std::string> refs;
  if (bridge.empty()) return refs;
  for (const live::FirewallChain& c : chains) {
    std::optional<Passage> p = PassageFor(c, bridge);
    if (p && c.JumpsTo(p->Chain())) refs.push_back(c.Ref());
  }
  return refs;
}

}  // namespace vnet::plan
