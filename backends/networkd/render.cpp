#include "backends/networkd/render.h"

#include "backends/networkd/support.h"

namespace vnet {

namespace {

constexpr NativeSupport kSupport{"networkd", /*vlan_filtering=*/true, {}};

Result<RenderedFile> Serialize(const IniFile& file, std::string path) {
  VNET_ASSIGN_OR_RETURN(std::string content, SerializeIni(file));
  return RenderedFile{std::move(path), std::move(content), 0644};
}

}  // namespace

std::string NetworkdDir(Placement placement) {
  return placement == Placement::kRuntime ? "/run/systemd/network" : "/etc/systemd/network";
}

std::vector<Refusal> NetworkdRefusals(const Network& net) {
  return NativeSupportRefusals(net, kSupport);
}

Result<Rendering> RenderNetworkdNative(const Network& net, const Caps& caps) {
  VNET_TRY(CheckNativeSupport(net, kSupport));
  Rendering rendering;
  if (UsesHostBridge(net)) return rendering;
  VNET_TRY(CheckNativeNames(net));
  BridgeParams bridge = EffectiveBridgeParams(net);
  VNET_ASSIGN_OR_RETURN(IniFile netdev, BuildNetworkdNetdev(net, bridge, caps));
  VNET_ASSIGN_OR_RETURN(IniFile network, BuildNetworkdNetwork(net, caps));
  const std::string base = NetworkdDir(caps.placement) + "/50-vnetctl-" + net.name;
  VNET_ASSIGN_OR_RETURN(RenderedFile netdev_file, Serialize(netdev, base + ".netdev"));
  VNET_ASSIGN_OR_RETURN(RenderedFile network_file, Serialize(network, base + ".network"));
  rendering.files = {std::move(netdev_file), std::move(network_file)};  // sorted by path
  return rendering;
}

}  // namespace vnet
