#include "backends/common/passage.h"

#include <vector>

namespace vnet {
namespace {

// iptables-nft writes the same nftables tables that the host's own iptables
// rules (Docker's, ufw's) live in, and lists them back as iptables rules;
// iptables-legacy the x_tables ones of a host switched to it. By absolute
// path, as the boot unit needs it.
const char* Tool(const Passage& p) {
  if (p.legacy) return p.ipv6 ? "/usr/sbin/ip6tables-legacy" : "/usr/sbin/iptables-legacy";
  return p.ipv6 ? "/usr/sbin/ip6tables-nft" : "/usr/sbin/iptables-nft";
}

std::string Builtin(const Passage& p) { return p.forward ? "FORWARD" : "INPUT"; }

std::vector<std::string> Cmd(const Passage& p, std::vector<std::string> args) {
  args.insert(args.begin(), {Tool(p), "-w"});
  return args;
}

// The chain's own rules: the bridge's forwarded traffic both ways, or what
// the guests ask of dnsmasq on the host (libvirt's INPUT rules), plus ICMPv6,
// without which neighbour discovery and router solicitation to the host's
// address fail.
std::vector<std::vector<std::string>> Accepts(const Passage& p) {
  const std::string c = p.Chain(), br = p.bridge;
  if (p.forward) {
    return {{"-A", c, "-i", br, "-j", "ACCEPT"}, {"-A", c, "-o", br, "-j", "ACCEPT"}};
  }
  std::string dhcp = p.ipv6 ? "547" : "67";
  std::vector<std::vector<std::string>> out = {
      {"-A", c, "-i", br, "-p", "udp", "--dport", dhcp, "-j", "ACCEPT"},
      {"-A", c, "-i", br, "-p", "udp", "--dport", "53", "-j", "ACCEPT"},
      {"-A", c, "-i", br, "-p", "tcp", "--dport", "53", "-j", "ACCEPT"}};
  if (p.ipv6) out.push_back({"-A", c, "-i", br, "-p", "ipv6-icmp", "-j", "ACCEPT"});
  return out;
}

}  // namespace

std::string Passage::Ref() const {
  return std::string(ipv6 ? "ip6" : "ip") + " filter " + Builtin(*this) +
         (legacy ? " (iptables-legacy)" : "");
}

std::string Passage::Chain() const { return (forward ? "VNETCTL_FWD_" : "VNETCTL_INP_") + bridge; }

std::optional<Passage> PassageFromRef(std::string_view ref, const std::string& bridge) {
  for (bool legacy : {false, true}) {
    for (bool ipv6 : {false, true}) {
      for (bool forward : {true, false}) {
        Passage p{ipv6, forward, bridge, legacy};
        if (p.Ref() == ref) return p;
      }
    }
  }
  return std::nullopt;
}

Commands PassageUp(const Passage& p) {
  const std::string c = p.Chain();
  Commands out;
  out.push_back({Cmd(p, {"-N", c}), /*may_fail=*/true});  // it exists after a start
  out.push_back({Cmd(p, {"-F", c})});
  for (auto& rule : Accepts(p)) out.push_back({Cmd(p, rule)});
  // One jump, first: delete any earlier one, then insert.
  out.push_back({Cmd(p, {"-D", Builtin(p), "-j", c}), /*may_fail=*/true});
  out.push_back({Cmd(p, {"-I", Builtin(p), "1", "-j", c})});
  return out;
}

namespace {

// `each` of every passage `refs` name on `bridge`, in order.
Commands ForEach(const std::vector<std::string>& refs, const std::string& bridge,
                 Commands (*each)(const Passage&)) {
  Commands out;
  for (const std::string& ref : refs) {
    std::optional<Passage> p = PassageFromRef(ref, bridge);
    if (!p) continue;
    for (ActivationCommand& c : each(*p)) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Commands PassagesUp(const std::vector<std::string>& refs, const std::string& bridge) {
  return ForEach(refs, bridge, PassageUp);
}

Commands PassageDown(const Passage& p) {
  const std::string c = p.Chain();
  return {{Cmd(p, {"-D", Builtin(p), "-j", c}), true},
          {Cmd(p, {"-F", c}), true},
          {Cmd(p, {"-X", c}), true}};
}

Commands PassagesDown(const std::vector<std::string>& refs, const std::string& bridge) {
  return ForEach(refs, bridge, PassageDown);
}

}  // namespace vnet
