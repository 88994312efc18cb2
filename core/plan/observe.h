// The part of the live host a plan compares, read through a HostReader: the
// kernel's links/addresses/routes, the files involved, the network's nftables
// table, the forwarding sysctls and its dnsmasq.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/live/host_reader.h"
#include "core/plan/desired.h"
#include "core/plan/status.h"

namespace vnet::plan {

struct Observed {
  live::HostState kernel;
  std::map<std::string, live::FileState> files;  // by target path
  std::optional<std::string> nft_listing;        // nullopt: the table does not exist
  std::map<std::string, std::string> sysctls;    // absent key: no such sysctl
  std::optional<live::Process> dnsmasq;          // the network's own dnsmasq, if running
  std::vector<uint16_t> dnsmasq_ports;           // UDP ports that dnsmasq holds
  std::vector<live::FirewallChain> firewall;     // every base chain, when the network has a table
  /// firewalld's permanent file of the zone the bridge must be bound to
  /// (Desired::firewalld_permanent), as it reads it at a reload.
  std::optional<live::FileState> firewalld_zone_file;
};

/// Reads what `want` (null when destroying) and `before` (null when the
/// network is not active) involve.
Result<Observed> Observe(live::HostReader& reader, const Desired* want,
                         const NetworkStatus* before);

/// Whether `p` is a dnsmasq started with --conf-file=`conf`.
bool IsOurDnsmasq(const live::Process& p, const std::string& conf);

}  // namespace vnet::plan
