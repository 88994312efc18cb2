// The host's firewall as the netfilter hooks see it: every nftables base
// chain (iptables-nft's, Docker's, ufw's, firewalld's and any other table)
// with what it does to a packet no rule of it accepts. Read through
// libnftables' JSON (`nft -j list ruleset`), parsed by a pure function.
// iptables-legacy's rules are not in nftables and are not seen here.
#pragma once

#include <set>
#include <string>
#include <string_view>
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

  /// The chain drops what it does not accept.
  bool Drops() const { return policy_drop || ends_in_drop; }
  /// `ifname` is one of passed_ifnames (a trailing '*' matches a prefix).
  bool Passes(std::string_view ifname) const;
  /// "ip filter FORWARD"
  std::string Ref() const { return family + " " + table + " " + name; }
  bool JumpsTo(const std::string& chain) const { return jumps.count(chain) != 0; }
};

/// The base chains of a `nft -j list ruleset` document.
Result<std::vector<FirewallChain>> ParseFirewallChains(std::string_view json);

/// The current network namespace's base chains, through libnftables (an
/// error when it is missing, as for NftTable).
Result<std::vector<FirewallChain>> ReadFirewallChains();

}  // namespace vnet::live
