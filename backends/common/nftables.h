// The nftables companion: the firewall a network's forward mode needs, as one
// `nft -f` file per network. Pure: Network in, text out.
//
// Shape: one `inet` table per network, `vnetctl_<name>`, so that adding or
// removing a network never touches any other rule on the host. The file
// first creates-then-deletes its own table (`table inet T` + `delete table
// inet T`) and then defines it, all in one nft transaction, so loading it
// again replaces the table atomically.
//
// Rules are equivalent to libvirt's for the mode (network_nftables.c, and the
// iptables backend for the host-facing input/output rules):
//   * input: accept DHCP/DNS (and TFTP with <tftp>) from the bridge; output:
//     accept DHCP/DNS (TFTP) to the bridge; IPv6 DNS/DHCPv6 when the network
//     has an IPv6 <ip>;
//   * forward, in libvirt's chain order (cross, guest input, guest output):
//     bridge to bridge accepted; per <ip>, nat: out of the subnet accepted
//     (optionally only via the forward dev), established/related back in;
//     route (and IPv6 under nat without <nat ipv6='yes'>): out of and into
//     the subnet accepted; everything else into or out of the bridge rejected;
//   * postrouting (nat): no masquerade to 224.0.0.0/24 (ff02::/16) and
//     255.255.255.255/32, masquerade `to :1024-65535` (or the <nat><port>
//     range) for TCP and UDP, plain masquerade otherwise; <nat><address>
//     turns masquerade into snat to that range.
// Deliberate differences from libvirt:
//   * interfaces are matched by name (iifname/oifname), never by index, so the
//     file loads before the bridge exists (libvirt's nft rules use iif/oif);
//   * the reject/cross set covers IPv6 always (one inet table); libvirt adds
//     it for IPv6 only when the network has IPv6, and otherwise disables IPv6
//     on the bridge, so no IPv6 is forwarded either way;
//   * no checksum-fill rule for DHCP replies: iptables' CHECKSUM target has no
//     nftables equivalent and later libvirt moved that fix to a tc filter;
//     modern guests do not need it.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/model/network.h"

namespace vnet {

/// "vnetctl_" + the network's name with ':' written as '/' (nft identifiers
/// take letters, digits and _ . - /, but no ':'). kInvalidInput for an empty
/// name or any character outside [A-Za-z0-9_.:-].
Result<std::string> NftTableName(std::string_view network_name);

/// The ruleset for `net`, a complete `nft -f` file. Forward mode open, and
/// the modes without a managed bridge (bridge, private, vepa, passthrough,
/// hostdev), need no rules: the result is then the empty string, and a
/// caller that had loaded a ruleset before removes it with RenderNftDelete.
/// kInvalidInput when the name, bridge or forward dev has a character
/// outside [A-Za-z0-9_.:-], when a managed network has no bridge name, or
/// for an unusable prefix or <nat><port> range.
Result<std::string> RenderNftRuleset(const Network& net);

/// An `nft -f` file that removes the network's table, and succeeds when the
/// table does not exist.
Result<std::string> RenderNftDelete(std::string_view network_name);

}  // namespace vnet
