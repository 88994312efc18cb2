// The guests' ports of a bridge, read before the bridge changes hands
// (takeover, handback) and attached to its successor afterwards.
#pragma once

#include <string>
#include <vector>

#include "core/apply/transaction.h"
#include "core/live/host_state.h"

namespace vnet::engine {

/// The links whose master is `bridge`.
std::vector<std::string> PortsOf(const live::HostState& kernel, const std::string& bridge);

/// Attaches each of `ports` to `bridge`, best effort (a guest may be gone).
void Replug(apply::Env& env, const std::vector<std::string>& ports, const std::string& bridge);

}  // namespace vnet::engine
