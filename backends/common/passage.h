// The firewall passage: where the host's own iptables filter table drops what
// it does not accept (Docker's and ufw's FORWARD policy, ufw's INPUT policy),
// vnetctl lets the network's traffic through the way libvirt's iptables
// backend does: a chain of its own, VNETCTL_FWD_<bridge> or
// VNETCTL_INP_<bridge>, jumped to first from the built-in chain. It accepts
// the bridge's forwarded traffic, or the guests' DHCP, DNS (and ICMPv6) to
// the host; what the network allows beyond that is still decided by its own
// nftables table, whose rules every packet passes too. Only vnetctl's chain
// and the one jump to it are written; the host's rules and policy stay.
// Pure: each function returns commands (argv of iptables-nft/ip6tables-nft,
// never nft rules in iptables' tables, which iptables could not read back).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backends/backend.h"

namespace vnet {

struct Passage {
  bool ipv6 = false;    // ip6tables' "ip6 filter" rather than iptables' "ip filter"
  bool forward = true;  // the FORWARD chain; false: INPUT
  std::string bridge;
  /// In iptables-legacy's x_tables (iptables-legacy), not iptables-nft's
  /// nftables tables: whichever the host's own drop is in.
  bool legacy = false;

  /// The built-in chain it is jumped to from, as live::FirewallChain::Ref
  /// names it: "ip filter FORWARD", "ip6 filter INPUT (iptables-legacy)".
  std::string Ref() const;
  /// "VNETCTL_FWD_virbr0" (at most 27 characters: iptables allows 28).
  std::string Chain() const;
  bool operator==(const Passage&) const = default;
};

/// The passage for a built-in chain named by Ref() (as a status record keeps
/// it); nullopt for anything else.
std::optional<Passage> PassageFromRef(std::string_view ref, const std::string& bridge);

/// Creates (or refills) the chain and puts the one jump to it first in the
/// built-in chain; running it again leaves the same rules.
Commands PassageUp(const Passage& p);
/// PassageUp for each of `refs` (Caps::passages) on `bridge`; a ref that
/// names no passage is left out.
Commands PassagesUp(const std::vector<std::string>& refs, const std::string& bridge);
/// Removes the jump and the chain; each may fail when already gone.
Commands PassageDown(const Passage& p);
/// PassageDown for each of `refs` (a status record's) on `bridge`.
Commands PassagesDown(const std::vector<std::string>& refs, const std::string& bridge);

}  // namespace vnet
