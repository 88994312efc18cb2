// Bridge parameters as the kernel will really apply them, shared by every
// backend so that all four write (and diff against) the same values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/model/network.h"

namespace vnet {

struct BridgeParams {
  std::string name;
  bool stp = true;                 // libvirt's default
  uint32_t forward_delay_sec = 0;  // effective value
};

/// With STP on the kernel raises a forward delay below 2 s to 2 s
/// (br_stp_start); NetworkManager and nmstate reject 0, ifupdown silently
/// keeps 15 s. vnetctl therefore writes 2, silently as libvirt does (doctor
/// notes it: its stp check). Delays above 30 s are
/// passed through: the managers that cap them reject them with their own
/// message at validation time.
BridgeParams EffectiveBridgeParams(const Network& net);

}  // namespace vnet
