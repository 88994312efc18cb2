// netplan native file for one libvirt network: a bridge definition rendered by
// networkd, carrying what libvirt itself sets on the bridge (see
// backends/networkd/render.h). netplan has no DHCP server, NAT or forwarding
// keys: the companions provide those.
#pragma once

#include <string>
#include <vector>

#include "backends/backend.h"
#include "backends/common/bridge_params.h"
#include "backends/netplan/yaml.h"

namespace vnet {

/// /run/netplan or /etc/netplan.
std::string NetplanDir(Placement placement);

/// DIR/90-vnetctl-NAME.yaml (0600: netplan warns about readable files), none
/// for forward mode='bridge' onto a host bridge.
Result<Rendering> RenderNetplanNative(const Network& net, const Caps& caps);
/// What of `net` it refuses (networkd/support.h), with what import may drop.
std::vector<Refusal> NetplanRefusals(const Network& net);

/// The "network:" document for `net`.
Result<YamlNode> BuildNetplanDocument(const Network& net, const BridgeParams& bridge);

}  // namespace vnet
