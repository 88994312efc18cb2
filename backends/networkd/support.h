// What the networkd-family backends (networkd, and netplan, which renders to
// networkd) can realize natively, checked before any file is built so that no
// element of a network is ever dropped silently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "backends/backend.h"
#include "core/error.h"
#include "core/model/network.h"

namespace vnet {

struct NativeSupport {
  std::string_view backend;  // "networkd", "netplan": named in every message
  /// Whether the manager can put a bridge in VLAN-filtering mode
  /// (<bridge macTableManager='libvirt'>); if not, `no_vlan_filtering_why`.
  bool vlan_filtering = false;
  std::string_view no_vlan_filtering_why;
};

/// forward mode='bridge' onto an existing host bridge: vnetctl writes no
/// native files (a later check verifies the bridge exists).
bool UsesHostBridge(const Network& net);

/// Error{kUnsupported} at the element for the first forward mode, element or
/// attribute of `net` that `support.backend` cannot realize. Elements realized
/// by the companions (dhcp, dns, domain, tftp, bootp, nat, dnsmasq:options,
/// forward dev) pass.
Status CheckNativeSupport(const Network& net, const NativeSupport& support);
/// Every such refusal, in the same order, each saying what import may drop.
std::vector<Refusal> NativeSupportRefusals(const Network& net, const NativeSupport& support);

/// Error{kInvalidInput} unless the network name can name a file and the bridge
/// name is a usable Linux interface name (not a virbr%d template).
Status CheckNativeNames(const Network& net);

/// "ADDR/PREFIX", or Error{kInvalidInput} at `loc` for a prefix out of range.
Result<std::string> CidrText(const IpAddr& addr, int prefix, const SourceLoc& loc);

/// The metric libvirt gives a <route> (virNetDevIPRouteGetMetric): 1 when
/// absent or 0.
uint32_t LibvirtRouteMetric(const Route& route);

/// True if some <ip> is IPv6 (libvirt then keeps IPv6 on the bridge).
bool HasIpv6(const Network& net);

}  // namespace vnet
