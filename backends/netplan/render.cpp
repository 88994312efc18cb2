#include "backends/netplan/render.h"

#include "backends/networkd/support.h"

namespace vnet {

namespace {

constexpr NativeSupport kSupport{
    "netplan", /*vlan_filtering=*/false,
    "netplan has no setting for bridge VLAN filtering; use the networkd backend"};

Status SetAddresses(const Network& net, YamlNode& bridge) {
  if (net.ips.empty()) return OkStatus();
  YamlNode& list = bridge.Set("addresses", YamlNode::Sequence());
  for (const Ip& ip : net.ips) {
    VNET_ASSIGN_OR_RETURN(std::string cidr, CidrText(ip.address, ip.EffectivePrefix(), ip.loc));
    list.Append(YamlNode::Quoted(cidr));
  }
  return OkStatus();
}

// libvirt: disable_ipv6=1 without an IPv6 <ip>, always accept_ra=0.
void SetIpv6(const Network& net, YamlNode& bridge) {
  YamlNode& link_local = bridge.Set("link-local", YamlNode::Sequence());
  if (HasIpv6(net)) link_local.Append(YamlNode::Plain("ipv6"));
  bridge.Set("accept-ra", YamlNode::Plain("false"));
}

Status SetRoutes(const Network& net, YamlNode& bridge) {
  if (net.routes.empty()) return OkStatus();
  YamlNode& routes = bridge.Set("routes", YamlNode::Sequence());
  for (const Route& r : net.routes) {
    VNET_ASSIGN_OR_RETURN(std::string to, CidrText(r.address, r.EffectivePrefix(), r.loc));
    YamlNode& route = routes.Append(YamlNode::Mapping());
    route.Set("to", YamlNode::Quoted(to));
    route.Set("via", YamlNode::Quoted(r.gateway.ToString()));
    route.Set("metric", YamlNode::Plain(std::to_string(LibvirtRouteMetric(r))));
  }
  return OkStatus();
}

void SetParameters(const BridgeParams& params, YamlNode& bridge) {
  YamlNode& p = bridge.Set("parameters", YamlNode::Mapping());
  p.Set("stp", YamlNode::Plain(params.stp ? "true" : "false"));
  p.Set("forward-delay", YamlNode::Plain(std::to_string(params.forward_delay_sec)));
}

Result<YamlNode> BuildBridge(const Network& net, const BridgeParams& params) {
  YamlNode bridge = YamlNode::Mapping();
  // Per definition, not under network: a global renderer would switch every
  // other netplan definition on the host to it.
  bridge.Set("renderer", YamlNode::Plain("networkd"));
  bridge.Set("interfaces", YamlNode::Sequence());
  VNET_TRY(SetAddresses(net, bridge));
  if (net.mac) bridge.Set("macaddress", YamlNode::Quoted(net.mac->ToString()));
  if (net.mtu) bridge.Set("mtu", YamlNode::Plain(std::to_string(*net.mtu)));
  SetIpv6(net, bridge);
  // RequiredForOnline=no: a guest network must not hold up boot.
  bridge.Set("optional", YamlNode::Plain("true"));
  VNET_TRY(SetRoutes(net, bridge));
  SetParameters(params, bridge);
  return bridge;
}

}  // namespace

std::string NetplanDir(Placement placement) {
  return placement == Placement::kRuntime ? "/run/netplan" : "/etc/netplan";
}

Result<YamlNode> BuildNetplanDocument(const Network& net, const BridgeParams& params) {
  VNET_ASSIGN_OR_RETURN(YamlNode bridge, BuildBridge(net, params));
  YamlNode root = YamlNode::Mapping();
  YamlNode& network = root.Set("network", YamlNode::Mapping());
  network.Set("version", YamlNode::Plain("2"));
  network.Set("bridges", YamlNode::Mapping()).Set(net.BridgeName(), std::move(bridge), true);
  return root;
}

std::vector<Refusal> NetplanRefusals(const Network& net) {
  return NativeSupportRefusals(net, kSupport);
}

Result<Rendering> RenderNetplanNative(const Network& net, const Caps& caps) {
  VNET_TRY(CheckNativeSupport(net, kSupport));
  Rendering rendering;
  if (UsesHostBridge(net)) return rendering;
  VNET_TRY(CheckNativeNames(net));
  BridgeParams params = EffectiveBridgeParams(net);
  VNET_ASSIGN_OR_RETURN(YamlNode doc, BuildNetplanDocument(net, params));
  VNET_ASSIGN_OR_RETURN(std::string content, SerializeYaml(doc, {"vnetctl network '" + net.name +
                                                                 "': generated, do not edit"}));
  rendering.files.push_back(RenderedFile{
      NetplanDir(caps.placement) + "/90-vnetctl-" + net.name + ".yaml", std::move(content), 0600});
  return rendering;
}

}  // namespace vnet
