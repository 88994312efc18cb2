// The per-network nftables table; see nftables.h for the rules and why they
// differ from libvirt's where they do.
#include "backends/common/nftables.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace vnet {

namespace {

constexpr uint32_t kMasqueradePortStart = 1024;  // keeps guests off privileged ports (NFS)
constexpr uint32_t kMasqueradePortEnd = 65535;

bool SafeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == ':' || c == '-';
}

std::string Printable(char c) {
  if (c >= 0x20 && c < 0x7f) return std::string(1, c);
  char buf[8];
  std::snprintf(buf, sizeof(buf), "\\x%02x", static_cast<unsigned char>(c));
  return buf;
}

// Names end up as nft tokens and quoted strings: only a safe charset may.
Status CheckToken(std::string_view value, std::string_view what, const SourceLoc& where) {
  auto bad = std::find_if_not(value.begin(), value.end(), SafeChar);
  if (!value.empty() && bad == value.end()) return OkStatus();
  std::string message = std::string(what) + " '" + std::string(value) + "' ";
  message += value.empty() ? "is empty"
                           : "has the character '" + Printable(*bad) +
                                 "', which an nftables ruleset cannot take (allowed: A-Z a-z "
                                 "0-9 _ . : -)";
  return MakeError(ErrorKind::kInvalidInput, message, where);
}

std::string Quote(const std::string& name) { return "\"" + name + "\""; }

/// The rules of one table, chain by chain; forward = cross, in, out.
struct Chains {
  std::vector<std::string> input, output, cross, guest_in, guest_out, nat;
};

/// One <ip> as the rules see it.
struct Subnet {
  std::string family;  // "ip" / "ip6"
  std::string cidr;    // network address/prefix
  bool ipv4 = true;
};

std::string PortSet(const std::vector<int>& ports) {
  if (ports.size() == 1) return std::to_string(ports[0]);
  std::string set = "{ ";
  for (size_t i = 0; i < ports.size(); i++) set += (i ? ", " : "") + std::to_string(ports[i]);
  return set + " }";
}

struct HostPorts {
  std::string nfproto;
  std::vector<int> tcp_in, udp_in, tcp_out, udp_out;
};

// libvirt's iptables INP/OUT rules: DNS and DHCP (and TFTP) to and from dnsmasq.
std::vector<HostPorts> HostPortTable(const Network& net) {
  const bool tftp = std::any_of(net.ips.begin(), net.ips.end(),
                                [](const Ip& ip) { return ip.IsIpv4() && ip.tftp_root; });
  const bool ipv6 =
      std::any_of(net.ips.begin(), net.ips.end(), [](const Ip& ip) { return ip.IsIpv6(); });
  std::vector<HostPorts> table = {{"ipv4", {53, 67}, {53, 67}, {53, 68}, {53, 68}}};
  if (tftp) {
    table[0].udp_in.push_back(69);
    table[0].udp_out.push_back(69);
  }
  if (ipv6) table.push_back({"ipv6", {53}, {53, 547}, {53}, {53, 546}});
  return table;
}

void AddHostRules(Chains& chains, const Network& net) {
  const std::string br = Quote(net.BridgeName());
  for (const HostPorts& p : HostPortTable(net)) {
    const std::string proto = " meta nfproto " + p.nfproto;
    chains.input.push_back("iifname " + br + proto + " tcp dport " + PortSet(p.tcp_in) +
                           " counter accept");
    chains.input.push_back("iifname " + br + proto + " udp dport " + PortSet(p.udp_in) +
                           " counter accept");
    chains.output.push_back("oifname " + br + proto + " tcp dport " + PortSet(p.tcp_out) +
                            " counter accept");
    chains.output.push_back("oifname " + br + proto + " udp dport " + PortSet(p.udp_out) +
                            " counter accept");
  }
}

// Catch-all rejects (evaluated after every accept) and guest-to-guest traffic.
void AddGeneralForwardRules(Chains& chains, const Network& net) {
  const std::string br = Quote(net.BridgeName());
  chains.cross.push_back("iifname " + br + " oifname " + br + " counter accept");
  chains.guest_in.push_back("oifname " + br + " counter reject");
  chains.guest_out.push_back("iifname " + br + " counter reject");
}

std::string DevMatch(const Network& net, std::string_view direction) {
  const std::string& dev = net.forward->Dev();
  return dev.empty() ? "" : std::string(direction) + " " + Quote(dev) + " ";
}

// Accepts go before the catch-all reject that AddGeneralForwardRules added.
void InsertAccept(std::vector<std::string>& chain, std::string rule) {
  chain.insert(chain.end() - 1, std::move(rule));
}

void AddForwardAccepts(Chains& chains, const Network& net, const Subnet& s, bool masquerade) {
  const std::string br = Quote(net.BridgeName());
  InsertAccept(chains.guest_out, "iifname " + br + " " + s.family + " saddr " + s.cidr + " " +
                                     DevMatch(net, "oifname") + "counter accept");
  InsertAccept(chains.guest_in,
               DevMatch(net, "iifname") + "oifname " + br + " " + s.family + " daddr " + s.cidr +
                   (masquerade ? " ct state related,established" : "") + " counter accept");
}

Result<std::string> PortRange(const Network& net) {
  const auto& nat = net.forward->nat;
  if (!nat || !nat->port || (nat->port->start == 0 && nat->port->end == 0)) {
    return ":" + std::to_string(kMasqueradePortStart) + "-" + std::to_string(kMasqueradePortEnd);
  }
  const NatPortRange& port = *nat->port;
  const std::string text = std::to_string(port.start) + "-" + std::to_string(port.end);
  if (port.start < port.end && port.end <= kMasqueradePortEnd) return ":" + text;
  return MakeError(ErrorKind::kInvalidInput, "internal error: Invalid port range '" + text + "'.",
                   port.loc);
}

// <nat><address> of the subnet's family turns masquerade into snat.
std::string SnatRange(const Network& net, const Subnet& s) {
  const auto& nat = net.forward->nat;
  if (!nat || !nat->address || (nat->address->start.family == Family::kIpv4) != s.ipv4) return "";
  std::string range = nat->address->start.ToString();
  if (nat->address->end) range += "-" + nat->address->end->ToString();
  return range;
}

std::string NatAction(const Network& net, const Subnet& s, const std::string& ports) {
  const std::string snat = SnatRange(net, s);
  if (!snat.empty()) return "snat " + s.family + " to " + snat + ports;
  return "masquerade" + (ports.empty() ? "" : " to " + ports);
}

Status AddNatRules(Chains& chains, const Network& net, const Subnet& s) {
  VNET_ASSIGN_OR_RETURN(const std::string ports, PortRange(net));
  const std::string from = s.family + " saddr " + s.cidr + " ";
  const std::string outside =
      from + s.family + " daddr != " + s.cidr + " " + DevMatch(net, "oifname") + "counter ";
  // Local multicast never leaves the link, and strict DHCP clients refuse
  // broadcast replies whose source port was rewritten.
  chains.nat.push_back(DevMatch(net, "oifname") + from + s.family + " daddr " +
                       (s.ipv4 ? "224.0.0.0/24" : "ff02::/16") + " counter return");
  if (s.ipv4) {
    chains.nat.push_back(DevMatch(net, "oifname") + from +
                         "ip daddr 255.255.255.255/32 counter return");
  }
  for (const char* proto : {"tcp", "udp"}) {
    chains.nat.push_back(std::string("meta l4proto ") + proto + " " + outside +
                         NatAction(net, s, ports));
  }
  chains.nat.push_back(outside + NatAction(net, s, ""));
  return OkStatus();
}

Result<Subnet> SubnetOf(const Network& net, const Ip& ip) {
  const int prefix = ip.EffectivePrefix();
  if (prefix < 0 || prefix > ip.address.Bits()) {
    return MakeError(ErrorKind::kInvalidInput,
                     "internal error: Invalid prefix or netmask for '" + net.BridgeName() + "'",
                     ip.loc);
  }
  return Subnet{ip.IsIpv4() ? "ip" : "ip6",
                NetworkAddress(ip.address, prefix).ToString() + "/" + std::to_string(prefix),
                ip.IsIpv4()};
}

// nat masquerades IPv4 (and IPv6 with <nat ipv6='yes'>) and routes the rest;
// route routes everything; isolated adds nothing per address.
Status AddIpRules(Chains& chains, const Network& net, const Ip& ip) {
  const ForwardMode mode = net.Mode();
  if (mode != ForwardMode::kNat && mode != ForwardMode::kRoute) return OkStatus();
  VNET_ASSIGN_OR_RETURN(const Subnet subnet, SubnetOf(net, ip));
  const bool nat_ipv6 = net.forward->nat && net.forward->nat->ipv6 == true;
  const bool masquerade = mode == ForwardMode::kNat && (ip.IsIpv4() || nat_ipv6);
  AddForwardAccepts(chains, net, subnet, masquerade);
  if (masquerade) VNET_TRY(AddNatRules(chains, net, subnet));
  return OkStatus();
}

Status CheckTokens(const Network& net) {
  VNET_TRY(CheckToken(net.name, "network name", net.loc));
  const SourceLoc& bridge_loc = net.bridge ? net.bridge->loc : net.loc;
  VNET_TRY(CheckToken(net.BridgeName(), "bridge name", bridge_loc));
  if (net.forward && !net.forward->Dev().empty()) {
    VNET_TRY(CheckToken(net.forward->Dev(), "forward dev", net.forward->loc));
  }
  return OkStatus();
}

void AppendChain(std::string& out, const std::string& name, const std::string& hook,
                 const std::vector<std::string>& rules) {
  out += "\tchain " + name + " {\n\t\t" + hook + "\n";
  for (const std::string& rule : rules) out += "\t\t" + rule + "\n";
  out += "\t}\n";
}

std::string Serialize(const std::string& table, const Chains& chains) {
  const std::string filter = " priority filter; policy accept;";
  std::string out = "table inet " + table + "\ndelete table inet " + table + "\n";
  out += "table inet " + table + " {\n";
  AppendChain(out, "input", "type filter hook input" + filter, chains.input);
  AppendChain(out, "output", "type filter hook output" + filter, chains.output);
  std::vector<std::string> forward = chains.cross;
  forward.insert(forward.end(), chains.guest_in.begin(), chains.guest_in.end());
  forward.insert(forward.end(), chains.guest_out.begin(), chains.guest_out.end());
  AppendChain(out, "forward", "type filter hook forward" + filter, forward);
  if (!chains.nat.empty()) {
    AppendChain(out, "postrouting", "type nat hook postrouting priority srcnat; policy accept;",
                chains.nat);
  }
  return out + "}\n";
}

bool NeedsFirewall(const Network& net) {
  return net.HasManagedBridge() && net.Mode() != ForwardMode::kOpen;
}

}  // namespace

Result<std::string> NftTableName(std::string_view network_name) {
  VNET_TRY(CheckToken(network_name, "network name", SourceLoc{}));
  std::string table = "vnetctl_" + std::string(network_name);
  std::replace(table.begin(), table.end(), ':', '/');
  return table;
}

Result<std::string> RenderNftRuleset(const Network& net) {
  VNET_TRY(CheckToken(net.name, "network name", net.loc));
  if (!NeedsFirewall(net)) return std::string();
  VNET_TRY(CheckTokens(net));
  VNET_ASSIGN_OR_RETURN(const std::string table, NftTableName(net.name));
  Chains chains;
  AddHostRules(chains, net);
  AddGeneralForwardRules(chains, net);
  for (const Ip& ip : net.ips) VNET_TRY(AddIpRules(chains, net, ip));
  return Serialize(table, chains);
}

Result<std::string> RenderNftDelete(std::string_view network_name) {
  VNET_ASSIGN_OR_RETURN(const std::string table, NftTableName(network_name));
  return "table inet " + table + "\ndelete table inet " + table + "\n";
}

}  // namespace vnet
