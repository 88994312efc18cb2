// The host's firewall as the netfilter hooks see it: every nftables base
// chain (iptables-nft's, Docker's, ufw's, firewalld's and any other table)
// with what it does to a packet no rule of it accepts. Read through
// libnftables' JSON (`nft -j list ruleset`), parsed by a pure function --
// and iptables-legacy's built-in chains, which are not in nftables (Docker
// and ufw on a host switched to iptables-legacy), read from
// `iptables-legacy-save` and parsed into the same shape.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace vnet::live {

struct FirewallChain {
  std::string family;  // "ip", "ip6", "inet", ...
  std::string table;
  std::string name;
  std::string hook;           // "forward", "input", ...
  bool policy_drop = false;   // `policy drop`
  bool ends_in_drop = false;  // a rule that drops or rejects whatever reaches it
  /// Interface names (iifname/oifname, "virbr*" kept as written) that a rule
  /// of the chain, or of a chain it jumps to, matches before it accepts or
  /// jumps on: the firewall's owner let those interfaces' traffic through.
  std::set<std::string> passed_ifnames;
  /// The chains its own rules jump or go to (vnetctl's passage is one).
  std::set<std::string> jumps;
  /// An iptables-legacy chain (x_tables), not an nftables one.
  bool legacy = false;
  /// Where the chain and those it jumps to send each interface's traffic, in
  /// rule order: {ifname, target} for a rule matching the name that jumps or
  /// goes to target, {"", target} for an unconditional one. firewalld's
  /// zones are these: iifname "virbr0" goto filter_IN_trusted.
  std::vector<std::pair<std::string, std::string>> dispatch = {};

  /// The chain drops what it does not accept.
  bool Drops() const { return policy_drop || ends_in_drop; }
  /// `ifname` is one of passed_ifnames (a trailing '*' matches a prefix).
  bool Passes(std::string_view ifname) const;
  /// "ip filter FORWARD", "ip filter FORWARD (iptables-legacy)"
  std::string Ref() const {
    return family + " " + table + " " + name + (legacy ? " (iptables-legacy)" : "");
  }
  bool JumpsTo(const std::string& chain) const { return jumps.count(chain) != 0; }
};

/// The base chains of a `nft -j list ruleset` document.
Result<std::vector<FirewallChain>> ParseFirewallChains(std::string_view json);

/// The built-in chains of `iptables-legacy-save -t filter` output (family
/// "ip", or "ip6" for ip6tables-legacy-save), `legacy` set; an interface
/// name ending in iptables' wildcard '+' is kept as "virbr*".
std::vector<FirewallChain> ParseIptablesSave(std::string_view text, bool ipv6);

/// The current network namespace's base chains, through libnftables (an
/// error when it is missing, as for NftTable), then iptables-legacy's filter
/// table where the kernel has one (/proc/net/ip_tables_names; read with
/// iptables-legacy-save, never created by reading).
Result<std::vector<FirewallChain>> ReadFirewallChains();

}  // namespace vnet::live
