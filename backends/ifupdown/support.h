// What of a network the ifupdown backend (ifupdown 0.8 + bridge-utils) can
// realize. Everything else is an explicit kUnsupported error, never dropped.
#pragma once

#include <vector>

#include "backends/backend.h"
#include "core/error.h"
#include "core/model/network.h"

namespace vnet::ifupdown {

/// OkStatus, or the first unsupported thing in `net`: the forward mode
/// first, then elements in the order libvirt formats them.
Status CheckIfupdownSupport(const Network& net);
/// Every refusal, in the same order, each saying what import may drop.
std::vector<Refusal> IfupdownRefusals(const Network& net);

}  // namespace vnet::ifupdown
