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
  // No warning: libvirt's bridges on the same kernel get the same 2 s, and
  // its own default network asks for 0. doctor says it, as a note.
  if (p.stp && p.forward_delay_sec < kMinStpForwardDelaySec) {
    p.forward_delay_sec = kMinStpForwardDelaySec;
  }
  return p;
}

}  // namespace vnet
