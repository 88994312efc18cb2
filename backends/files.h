// Where each kind of file goes, per placement, so every backend and the
// companions agree on one layout (documented in vnetctl(1) FILES).
#pragma once

#include <string>

#include "backends/backend.h"

namespace vnet {

/// /run/vnetctl or /etc/vnetctl.
std::string VnetctlDir(Placement placement);
/// Companion files: dnsmasq configuration, hosts files, nftables ruleset.
std::string DnsmasqConfPath(const std::string& network, Placement placement);
std::string DnsmasqHostsfilePath(const std::string& network, Placement placement);
std::string DnsmasqAddnhostsPath(const std::string& network, Placement placement);
std::string DnsmasqPidPath(const std::string& network);    // always /run/vnetctl/dnsmasq/NAME.pid
std::string DnsmasqLeasePath(const std::string& network);  // /var/lib/vnetctl/dnsmasq/NAME.leases
std::string NftRulesetPath(const std::string& network, Placement placement);

}  // namespace vnet
