#include "backends/common/bridge_params.h"

namespace vnet {

namespace {
constexpr uint32_t kMinStpForwardDelaySec = 2;  // BR_MIN_FORWARD_DELAY
}

BridgeParams EffectiveBridgeParams(const Network& net) {
  BridgeParams p;
  p.name = net.BridgeName();
  if (net.bridge) {
    p.stp = net.bridge->stp.value_or(true);
    p.forward_delay_sec = net.bridge->delay.value_or(0);
  }
  if (p.stp && p.forward_delay_sec < kMinStpForwardDelaySec) {
    p.warning = "network '" + net.name + "': <bridge stp='on' delay='" +
                std::to_string(p.forward_delay_sec) +
                "'/>: with STP on the kernel uses a forward delay of at least 2 s; writing 2";
    p.forward_delay_sec = kMinStpForwardDelaySec;
  }
  return p;
}

}  // namespace vnet
