#include <cctype>
#include <optional>

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
// 15 s, so a delay above 30 s is refused here. (With STP on the delay is at
// least 2 s already: EffectiveBridgeParams.)
Status CheckForwardDelay(const Network& net, const BridgeParams& params) {
  uint32_t fd = params.forward_delay_sec;
  if (fd <= kNmMaxForwardDelay) return OkStatus();
  return MakeError(ErrorKind::kUnsupported,
                   "<bridge delay='" + std::to_string(fd) + "'> is not supported by the " +
                       std::string(kBackendName) +
                       " backend (NetworkManager accepts a forward delay of at most 30 s)",
                   net.bridge ? net.bridge->loc : net.loc);
}

// The delay to write, if any. With STP off the kernel forwards from a port
// at once whatever the delay, so a 1 s that libnm would not take (0 or 2..30)
// is left out, as NetworkManager's default is.
std::optional<uint32_t> ForwardDelayKey(const BridgeParams& params) {
  uint32_t fd = params.forward_delay_sec;
  if (fd == kNmDefaultForwardDelay || (fd == 1 && !params.stp)) return std::nullopt;
  return fd;
}

}  // namespace

// Keys in libnm's (alphabetical) order, NetworkManager defaults left out.
Status AddBridge(Keyfile& kf, const Network& net, const BridgeParams& params, const Caps& caps) {
  VNET_TRY(CheckForwardDelay(net, params));
  kf.Section("bridge");
  if (std::optional<uint32_t> fd = ForwardDelayKey(params)) {
    kf.Set("bridge", "forward-delay", std::to_string(*fd));
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
