// NetworkManager's part of a network: one keyfile connection profile for the
// bridge (nm-settings-keyfile(5)). DHCP, DNS, NAT and forwarding are done by
// vnetctl's companions (backends/common), so the profile never uses
// ipv4.method=shared: NetworkManager < 1.52 cannot limit shared mode's DHCP
// pool, and the companions behave the same on every backend.
//
// The file is byte for byte what libnm itself writes for that profile
// (`nmcli --offline connection modify < FILE` returns it unchanged): keys in
// libnm's order, NetworkManager's defaults left out (autoconnect=true,
// stp=true, forward-delay=15), the MAC in upper case. Hence:
//   [connection] id=vnetctl-NAME, uuid (see NetworkManagerConnectionUuid),
//                type=bridge, interface-name=<bridge name>, zone=<bridge zone>
//                autoconnect stays true for both placements: the runtime
//                directory already makes a started network vanish at reboot,
//                and within the boot NetworkManager restarts bring it back,
//                as libvirtd restarts keep a started network.
//   [ethernet]   mtu=<mtu> (a bridge's MTU lives in the wired setting)
//   [bridge]     forward-delay, mac-address, stp, vlan-filtering (from
//                EffectiveBridgeParams; vlan-filtering for macTableManager='libvirt')
//   [ipv4]/[ipv6] method=manual with every <ip> of the family, never-default,
//                the family's <route>s (metric 1 when absent, as libvirt);
//                IPv6 adds addr-gen-mode=eui64 (the kernel's link-local, as on a
//                libvirt bridge). A family without <ip> gets method=disabled: for
//                IPv6 that sets disable_ipv6=1 on the bridge, as libvirt does.
//   [proxy]
#pragma once

#include <string>

#include "backends/backend.h"
#include "core/error.h"
#include "core/model/network.h"
#include "core/net/address.h"

namespace vnet {

/// The keyfile for `net`, or for forward mode='bridge' with a bridge name (an
/// existing host bridge) no file at all. Errors: kUnsupported for a forward
/// mode or element NetworkManager cannot realize, or a property newer than
/// `caps.manager` (absent: no version limit); kInvalidInput for a value the
/// keyfile cannot carry. Pure.
Result<Rendering> RenderNetworkManagerNative(const Network& net, const Caps& caps);

/// "vnetctl-NAME": the profile's connection.id.
std::string NetworkManagerConnectionId(const std::string& network);

/// /etc/NetworkManager/system-connections/vnetctl-NAME.nmconnection, or under
/// /run/NetworkManager for kRuntime.
std::string NetworkManagerKeyfilePath(const std::string& network, Placement placement);

/// connection.uuid, stable across renders and hosts: UUIDv5 with the network's
/// <uuid> as namespace and "vnetctl:networkmanager" as name, i.e. Python's
/// uuid.uuid5(UUID(net_uuid), "vnetctl:networkmanager"). It differs from the
/// libvirt uuid, so the two never collide in tools showing both. A network
/// without <uuid> uses namespace kVnetctlUuidNamespace and the name
/// "vnetctl:networkmanager:" + network name.
Uuid NetworkManagerConnectionUuid(const Network& net);

/// 0d3d39de-b86f-405e-b86b-ebe3a47eeaac, chosen once at random.
inline constexpr Uuid kVnetctlUuidNamespace{{0x0d, 0x3d, 0x39, 0xde, 0xb8, 0x6f, 0x40, 0x5e, 0xb8,
                                             0x6b, 0xeb, 0xe3, 0xa4, 0x7e, 0xea, 0xac}};

}  // namespace vnet
