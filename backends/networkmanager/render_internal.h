// Pieces of RenderNetworkManagerNative, one per concern; see render.h.
#pragma once

#include <string_view>
#include <vector>

#include "backends/backend.h"
#include "backends/common/bridge_params.h"
#include "backends/networkmanager/keyfile.h"
#include "core/error.h"
#include "core/model/network.h"

namespace vnet::nm {

inline constexpr std::string_view kBackendName = "networkmanager";

/// kUnsupported for a forward mode, element or attribute this backend cannot
/// realize (check_supported.cpp). Companion-realized elements pass.
Status CheckSupported(const Network& net);
/// Every refusal CheckSupported could name, in its order.
std::vector<Refusal> SupportRefusals(const Network& net);

/// kUnsupported when `caps.manager` is older than `since`, the first
/// NetworkManager that has `property`; `element` names what needs it.
Status RequireVersion(const Caps& caps, Version since, std::string_view property,
                      std::string_view element, const SourceLoc& loc);

/// [connection] and [ethernet] (render_connection.cpp).
void AddConnection(Keyfile& kf, const Network& net, const BridgeParams& params, const Caps& caps);

/// [bridge] (render_bridge.cpp).
Status AddBridge(Keyfile& kf, const Network& net, const BridgeParams& params, const Caps& caps);

/// [ipv4] or [ipv6] (render_ip.cpp).
Status AddIp(Keyfile& kf, const Network& net, Family family, const Caps& caps);

}  // namespace vnet::nm
