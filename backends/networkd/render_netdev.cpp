// [NetDev] and [Bridge]: the bridge itself, as libvirt creates it
// (virNetDevBridgeCreate with the network's MAC, then MTU, delay and STP).
#include "backends/networkd/keys.h"
#include "backends/networkd/render.h"
#include "backends/networkd/support.h"

namespace vnet {

namespace {

constexpr std::string_view kNetdev = "netdev";

const char* YesNo(bool b) { return b ? "yes" : "no"; }

SourceLoc BridgeLoc(const Network& net) {
  return net.bridge ? net.bridge->loc : net.ChildLoc("bridge");
}

Status PutNetDev(const Network& net, IniSection& s, const Caps& caps) {
  const KeyOrigin bridge{"<bridge>", BridgeLoc(net)};
  VNET_TRY(PutNetworkdKey(kNetdev, s, "Name", net.BridgeName(), bridge, caps.manager));
  VNET_TRY(PutNetworkdKey(kNetdev, s, "Kind", "bridge", bridge, caps.manager));
  if (net.mac) {
    VNET_TRY(PutNetworkdKey(kNetdev, s, "MACAddress", net.mac->ToString(),
                            {"<mac>", net.ChildLoc("mac")}, caps.manager));
  }
  if (net.mtu) {
    VNET_TRY(PutNetworkdKey(kNetdev, s, "MTUBytes", std::to_string(*net.mtu),
                            {"<mtu>", net.ChildLoc("mtu")}, caps.manager));
  }
  return OkStatus();
}

// STP and the delay are always written: the kernel's default is STP off,
// libvirt's is on.
Status PutBridge(const Network& net, const BridgeParams& params, IniSection& s, const Caps& caps) {
  const SourceLoc loc = BridgeLoc(net);
  VNET_TRY(PutNetworkdKey(kNetdev, s, "STP", YesNo(params.stp),
                          {std::string("<bridge stp='") + (params.stp ? "on" : "off") + "'>", loc},
                          caps.manager));
  VNET_TRY(PutNetworkdKey(kNetdev, s, "ForwardDelaySec", std::to_string(params.forward_delay_sec),
                          {"<bridge delay>", loc}, caps.manager));
  if (net.bridge && net.bridge->mac_table_manager == MacTableManager::kLibvirt) {
    // libvirt turns on vlan_filtering (virNetDevBridgeSetVlanFiltering) so
    // that it can manage the forwarding table itself.
    VNET_TRY(PutNetworkdKey(kNetdev, s, "VLANFiltering", "yes",
                            {"<bridge macTableManager='libvirt'>", loc}, caps.manager));
  }
  return OkStatus();
}

}  // namespace

Result<IniFile> BuildNetworkdNetdev(const Network& net, const BridgeParams& bridge,
                                    const Caps& caps) {
  IniFile file;
  file.header_comments.push_back("vnetctl network '" + net.name + "': generated, do not edit");
  VNET_TRY(PutNetDev(net, file.AddSection("NetDev"), caps));
  VNET_TRY(PutBridge(net, bridge, file.AddSection("Bridge"), caps));
  return file;
}

}  // namespace vnet
