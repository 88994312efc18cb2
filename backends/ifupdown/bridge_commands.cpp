#include "backends/ifupdown/bridge_commands.h"

#include <algorithm>

namespace vnet::ifupdown {

namespace {

constexpr uint32_t kDefaultRouteMetric = 1;  // libvirt's virNetDevIPRouteGetMetric

// sysctl reads dots as separators, so a bridge name with a dot needs the
// slash form (net/ipv6/conf/br.0/accept_ra); "-e" would otherwise hide that
// the dotted key does not exist.
std::string BridgeSysctl(const std::string& bridge, const std::string& key,
                         const std::string& value) {
  if (bridge.find('.') == std::string::npos)
    return "net.ipv6.conf." + bridge + "." + key + "=" + value;
  return "net/ipv6/conf/" + bridge + "/" + key + "=" + value;
}

Error BadPrefix(const std::string& what, const std::string& network, const SourceLoc& loc) {
  return MakeError(ErrorKind::kInvalidInput,
                   "network '" + network + "' has an invalid netmask or IP address in " + what,
                   loc);
}

Result<std::string> RouteCidr(const Route& route, const std::string& network) {
  int prefix = route.EffectivePrefix();
  if (prefix < 0 || prefix > route.address.Bits())
    return BadPrefix("route definition", network, route.loc);
  return route.address.ToString() + "/" + std::to_string(prefix);
}

}  // namespace

std::vector<ShellCommand> Ipv6SysctlCommands(const Network& net, const std::string& bridge) {
  bool has_ipv6 =
      std::any_of(net.ips.begin(), net.ips.end(), [](const Ip& ip) { return ip.IsIpv6(); });
  std::vector<ShellCommand> cmds;
  cmds.push_back({{"sysctl", "-qew", BridgeSysctl(bridge, "disable_ipv6", has_ipv6 ? "0" : "1")}});
  cmds.push_back({{"sysctl", "-qew", BridgeSysctl(bridge, "accept_ra", "0")}});
  cmds.push_back({{"sysctl", "-qew", BridgeSysctl(bridge, "autoconf", "0")}});
  return cmds;
}

Result<std::string> IpCidr(const Ip& ip, const std::string& network) {
  int prefix = ip.EffectivePrefix();
  if (prefix < 0 || prefix > ip.address.Bits()) return BadPrefix("IP definition", network, ip.loc);
  return ip.address.ToString() + "/" + std::to_string(prefix);
}

Result<std::vector<ShellCommand>> ExtraAddressCommands(const Network& net,
                                                       const std::string& bridge, const Ip* skip) {
  std::vector<ShellCommand> cmds;
  for (const Ip& ip : net.ips) {
    if (&ip == skip) continue;
    VNET_ASSIGN_OR_RETURN(std::string cidr, IpCidr(ip, net.name));
    ShellCommand cmd{{"ip", "addr", "add", cidr}};
    // libvirt gives IPv4 addresses their broadcast address, as ifupdown does
    // for the stanza's own one.
    if (ip.IsIpv4()) cmd.argv.insert(cmd.argv.end(), {"brd", "+"});
    cmd.argv.insert(cmd.argv.end(), {"dev", bridge});
    if (ip.IsIpv6()) cmd.argv.push_back("nodad");
    cmds.push_back(std::move(cmd));
  }
  return cmds;
}

Result<RouteCommands> BuildRouteCommands(const Network& net, const std::string& bridge) {
  RouteCommands cmds;
  for (const Route& route : net.routes) {
    VNET_ASSIGN_OR_RETURN(std::string cidr, RouteCidr(route, net.name));
    uint32_t metric = route.metric.value_or(0) > 0 ? *route.metric : kDefaultRouteMetric;
    std::vector<std::string> tail = {cidr,   "via",    route.gateway.ToString(), "dev",
                                     bridge, "metric", std::to_string(metric)};
    ShellCommand add{{"ip", "route", "add"}};
    add.argv.insert(add.argv.end(), tail.begin(), tail.end());
    ShellCommand del{{"ip", "route", "del"}, true};
    del.argv.insert(del.argv.end(), tail.begin(), tail.end());
    cmds.up.push_back(std::move(add));
    cmds.down.push_back(std::move(del));
  }
  return cmds;
}

}  // namespace vnet::ifupdown
