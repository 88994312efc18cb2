// [Match], [Link], [Network] and [Route]: what libvirt does to the bridge once
// it exists: addresses, IPv6 sysctls (networkSetIPv6Sysctls), static routes
// (networkAddRouteToBridge), and bringing it up without any port.
#include "backends/networkd/keys.h"
#include "backends/networkd/render.h"
#include "backends/networkd/support.h"

namespace vnet {

namespace {

constexpr std::string_view kNetwork = "network";
const KeyOrigin kOptional{};  // vnetctl's own choice: left out on older systemd

Status PutLink(const Network& net, IniSection& s, const Caps& caps) {
  if (net.mtu) {
    // Also in the .netdev; repeated here so `networkctl reconfigure` applies
    // a changed MTU to an existing bridge (netdevs are not updated before v257).
    VNET_TRY(
        PutNetworkdKey(kNetwork, s, "MTUBytes", std::to_string(*net.mtu), kOptional, caps.manager));
  }
  // A guest network must not hold up boot (systemd-networkd-wait-online).
  return PutNetworkdKey(kNetwork, s, "RequiredForOnline", "no", kOptional, caps.manager);
}

Status PutIpv4Addresses(const Network& net, IniSection& s, const Caps& caps) {
  for (const Ip& ip : net.ips) {
    if (!ip.IsIpv4()) continue;
    VNET_ASSIGN_OR_RETURN(std::string cidr, CidrText(ip.address, ip.EffectivePrefix(), ip.loc));
    VNET_TRY(PutNetworkdKey(kNetwork, s, "Address", cidr, {"<ip>", ip.loc}, caps.manager));
  }
  return OkStatus();
}

// A portless bridge has no carrier, so the kernel never runs DAD and an IPv6
// address would stay tentative (unusable, and networkd stuck "configuring").
// libvirt keeps a tap up until DAD is done; DAD is pointless on a link only
// vnetctl's bridge is on, so it is switched off instead.
Status PutIpv6Address(const Ip& ip, IniFile& file, const Caps& caps) {
  VNET_ASSIGN_OR_RETURN(std::string cidr, CidrText(ip.address, ip.EffectivePrefix(), ip.loc));
  IniSection& s = file.AddSection("Address");
  VNET_TRY(PutNetworkdKey(kNetwork, s, "Address", cidr, {"<ip>", ip.loc}, caps.manager));
  return PutNetworkdKey(kNetwork, s, "DuplicateAddressDetection", "none", kOptional, caps.manager);
}

// libvirt writes disable_ipv6=1 on a bridge without IPv6 <ip>, and always
// accept_ra=0 and autoconf=0: guests must not configure the host. networkd
// 252 has no disable_ipv6 key; LinkLocalAddressing=no leaves the bridge
// without any IPv6 address, which is what guests can observe.
Status PutIpv6(const Network& net, IniSection& s, const Caps& caps) {
  const KeyOrigin bridge{"<bridge>", net.bridge ? net.bridge->loc : net.ChildLoc("bridge")};
  VNET_TRY(PutNetworkdKey(kNetwork, s, "LinkLocalAddressing", HasIpv6(net) ? "ipv6" : "no", bridge,
                          caps.manager));
  // Already networkd's default for bridges; written so the file says it.
  return PutNetworkdKey(kNetwork, s, "IPv6AcceptRA", "no", kOptional, caps.manager);
}

// A bridge without ports has no carrier; libvirt configures it regardless.
Status PutCarrier(const Network& net, IniSection& s, const Caps& caps) {
  const KeyOrigin bridge{"<bridge>", net.bridge ? net.bridge->loc : net.ChildLoc("bridge")};
  VNET_TRY(PutNetworkdKey(kNetwork, s, "ConfigureWithoutCarrier", "yes", bridge, caps.manager));
  return PutNetworkdKey(kNetwork, s, "IgnoreCarrierLoss", "yes", kOptional, caps.manager);
}

Status PutRoute(const Route& route, IniSection& s, const Caps& caps) {
  const KeyOrigin origin{"<route>", route.loc};
  VNET_ASSIGN_OR_RETURN(std::string dest,
                        CidrText(route.address, route.EffectivePrefix(), route.loc));
  VNET_TRY(PutNetworkdKey(kNetwork, s, "Destination", dest, origin, caps.manager));
  VNET_TRY(PutNetworkdKey(kNetwork, s, "Gateway", route.gateway.ToString(), origin, caps.manager));
  return PutNetworkdKey(kNetwork, s, "Metric", std::to_string(LibvirtRouteMetric(route)), origin,
                        caps.manager);
}

}  // namespace

Result<IniFile> BuildNetworkdNetwork(const Network& net, const Caps& caps) {
  IniFile file;
  file.header_comments.push_back("vnetctl network '" + net.name + "': generated, do not edit");
  VNET_TRY(PutNetworkdKey(kNetwork, file.AddSection("Match"), "Name", net.BridgeName(),
                          {"<bridge>", net.ChildLoc("bridge")}, caps.manager));
  VNET_TRY(PutLink(net, file.AddSection("Link"), caps));
  IniSection& network = file.AddSection("Network");
  VNET_TRY(PutIpv4Addresses(net, network, caps));
  VNET_TRY(PutCarrier(net, network, caps));
  VNET_TRY(PutIpv6(net, network, caps));
  for (const Ip& ip : net.ips) {
    if (ip.IsIpv6()) VNET_TRY(PutIpv6Address(ip, file, caps));
  }
  for (const Route& route : net.routes) VNET_TRY(PutRoute(route, file.AddSection("Route"), caps));
  return file;
}

}  // namespace vnet
