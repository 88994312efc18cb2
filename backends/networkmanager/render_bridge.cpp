#include <cctype>

#include "backends/networkmanager/render_internal.h"

namespace vnet::nm {

namespace {

constexpr uint32_t kNmDefaultForwardDelay = 15;
constexpr uint32_t kNmMaxForwardDelay = 30;  // libnm: bridge.forward-delay 0, 2..30
constexpr Version kVlanFilteringSince{1, 18, 0};

std::string UpperMac(const MacAddr& mac) {
  std::string s = mac.ToString();
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// libnm ignores an out-of-range forward-delay in a keyfile and silently uses
// 15 s, so anything it would not take is refused here.
Status CheckForwardDelay(const Network& net, const BridgeParams& params) {
  uint32_t fd = params.forward_delay_sec;
  if (fd <= kNmMaxForwardDelay && (fd != 1 || params.stp)) return OkStatus();
  std::string why = fd > kNmMaxForwardDelay
                        ? "NetworkManager accepts a forward delay of at most 30 s"
                        : "NetworkManager accepts a forward delay of 0 or 2 to 30 s; with STP off "
                          "the delay has no effect, use delay='0'";
  return MakeError(ErrorKind::kUnsupported,
                   "<bridge delay='" + std::to_string(fd) + "'> is not supported by the " +
                       std::string(kBackendName) + " backend (" + why + ")",
                   net.bridge ? net.bridge->loc : net.loc);
}

}  // namespace

// Keys in libnm's (alphabetical) order, NetworkManager defaults left out.
Status AddBridge(Keyfile& kf, const Network& net, const BridgeParams& params, const Caps& caps) {
  VNET_TRY(CheckForwardDelay(net, params));
  kf.Section("bridge");
  if (params.forward_delay_sec != kNmDefaultForwardDelay) {
    kf.Set("bridge", "forward-delay", std::to_string(params.forward_delay_sec));
  }
  if (net.mac) kf.Set("bridge", "mac-address", UpperMac(*net.mac));
  if (!params.stp) kf.Set("bridge", "stp", "false");
  if (net.bridge && net.bridge->mac_table_manager == MacTableManager::kLibvirt) {
    VNET_TRY(RequireVersion(caps, kVlanFilteringSince, "bridge.vlan-filtering",
                            "<bridge macTableManager='libvirt'/>", net.bridge->loc));
    kf.Set("bridge", "vlan-filtering", "true");
  }
  return OkStatus();
}

}  // namespace vnet::nm
