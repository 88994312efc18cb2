#include "backends/networkmanager/render.h"

#include "backends/common/bridge_params.h"
#include "backends/networkmanager/render_internal.h"
#include "backends/networkmanager/uuid5.h"

namespace vnet {

namespace {

Result<Keyfile> BuildKeyfile(const Network& net, const Caps& caps) {
  BridgeParams params = EffectiveBridgeParams(net);
  if (params.name.empty()) {
    // libvirt's networkStartNetworkVirtual wording.
    return MakeError(ErrorKind::kInvalidInput,
                     "network '" + net.name + "' has no bridge name defined", net.loc);
  }
  Keyfile kf;
  nm::AddConnection(kf, net, params, caps);
  VNET_TRY(nm::AddBridge(kf, net, params, caps));
  VNET_TRY(nm::AddIp(kf, net, Family::kIpv4, caps));
  VNET_TRY(nm::AddIp(kf, net, Family::kIpv6, caps));
  kf.Section("proxy");
  return kf;
}

// The name becomes part of a file name.
Status CheckName(const Network& net) {
  bool bad = net.name.empty() || net.name.find('/') != std::string::npos;
  for (char c : net.name) bad = bad || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  if (!bad) return OkStatus();
  return MakeError(ErrorKind::kInvalidInput,
                   "network name cannot be used in a NetworkManager keyfile name: it is empty or "
                   "contains '/' or a control character",
                   net.loc);
}

}  // namespace

std::string NetworkManagerConnectionId(const std::string& network) { return "vnetctl-" + network; }

std::string NetworkManagerKeyfilePath(const std::string& network, Placement placement) {
  std::string dir = placement == Placement::kRuntime ? "/run" : "/etc";
  return dir + "/NetworkManager/system-connections/" + NetworkManagerConnectionId(network) +
         ".nmconnection";
}

Uuid NetworkManagerConnectionUuid(const Network& net) {
  if (net.uuid) return Uuid5(*net.uuid, "vnetctl:networkmanager");
  return Uuid5(kVnetctlUuidNamespace, "vnetctl:networkmanager:" + net.name);
}

Result<Rendering> RenderNetworkManagerNative(const Network& net, const Caps& caps) {
  VNET_TRY(nm::CheckSupported(net));
  Rendering out;
  if (net.Mode() == ForwardMode::kBridge) return out;  // an existing host bridge
  VNET_TRY(CheckName(net));
  VNET_ASSIGN_OR_RETURN(Keyfile kf, BuildKeyfile(net, caps));
  Result<std::string> content = kf.Serialize();
  if (!content.ok()) {
    Error e = content.error();
    e.where = net.loc;
    return e;
  }
  out.files.push_back(
      RenderedFile{NetworkManagerKeyfilePath(net.name, caps.placement), *content, 0600, ""});
  // NetworkManager saves an edited runtime profile to /etc (firewalld's
  // permanent zone change edits it so), where it outlives the network.
  out.manager_copies.push_back(NetworkManagerKeyfilePath(net.name, OtherPlacement(caps.placement)));
  return out;
}

}  // namespace vnet
