// systemd-networkd native files for one libvirt network: a .netdev creating
// the bridge and a .network configuring it, as libvirt's network driver would
// set them up itself (bridge_driver.c networkStartNetworkVirtual). DHCP, DNS,
// NAT and forwarding are the companions' job, never networkd's here.
#pragma once

#include <string>
#include <vector>

#include "backends/backend.h"
#include "backends/common/bridge_params.h"
#include "backends/networkd/ini.h"

namespace vnet {

/// /run/systemd/network or /etc/systemd/network.
std::string NetworkdDir(Placement placement);

/// DIR/50-vnetctl-NAME.netdev and DIR/50-vnetctl-NAME.network (0644), none
/// for forward mode='bridge' onto a host bridge. Keys newer than
/// caps.manager (the systemd version) are never written.
Result<Rendering> RenderNetworkdNative(const Network& net, const Caps& caps);
/// What of `net` it refuses (networkd/support.h), with what import may drop.
std::vector<Refusal> NetworkdRefusals(const Network& net);

/// The [NetDev] and [Bridge] sections.
Result<IniFile> BuildNetworkdNetdev(const Network& net, const BridgeParams& bridge,
                                    const Caps& caps);
/// The [Match], [Link], [Network] and [Route] sections.
Result<IniFile> BuildNetworkdNetwork(const Network& net, const Caps& caps);

}  // namespace vnet
