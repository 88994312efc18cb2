// firewalld's zone for a network's bridge, chosen as libvirt chooses it
// (networkAddFirewallRules): the zone <bridge zone='...'/> names; otherwise,
// while firewalld runs, 'libvirt-routed' for a routed network where firewalld
// has that zone and libvirt's 'libvirt-routed-out' policy, else 'libvirt'
// (both shipped by libvirt's package), else -- where libvirt refuses to start
// -- vnetctl's own zone 'vnetctl' (firewalld/vnetctl.xml, shipped with
// vnetctl's package: the libvirt zone's rules). With firewalld's nftables
// backend the default zone rejects the guests' DHCP, DNS and forwarded
// traffic, whatever vnetctl's own table accepts. Pure.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/live/firewall.h"
#include "core/model/network.h"

namespace vnet::plan {

/// The zones and policies firewalld's configuration holds (its files in
/// /usr/lib/firewalld and /etc/firewalld), of those the choice asks about.
struct FirewalldConfig {
  std::set<std::string> zones;
  std::set<std::string> policies;
};

/// The zone and policy names ChooseFirewalldZone asks FirewalldConfig about.
std::vector<std::string> FirewalldZonesAsked();
std::vector<std::string> FirewalldPoliciesAsked();

/// firewalld runs (with its nftables backend): its table is loaded.
bool FirewalldRunning(const std::vector<live::FirewallChain>& chains);

/// The zone firewalld puts `bridge` in, read from its INPUT dispatch
/// (iifname "virbr0" goto filter_IN_libvirt), and whether a rule of its own
/// binds it (false: the default zone's catch-all). {"", false}: firewalld
/// does not run.
std::pair<std::string, bool> FirewalldZoneOf(const std::vector<live::FirewallChain>& chains,
                                             const std::string& bridge);

/// firewalld's permanent configuration of `zone` (firewall-cmd --permanent
/// writes the whole zone here, also for a zone its package ships in /usr/lib).
std::string FirewalldZoneFile(const std::string& zone);
/// That file binds `bridge`: <interface name="virbr0"/>, as firewalld writes it.
bool FirewalldFileBinds(std::string_view content, const std::string& bridge);

/// The zone to bind the bridge of `net` to; "" when none (firewalld does not
/// run, or the mode has no firewall: open, bridge). Errors in libvirt's words
/// where libvirt refuses to start: a zone named while firewalld does not run.
Result<std::string> ChooseFirewalldZone(const Network& net, bool running,
                                        const FirewalldConfig& config);

}  // namespace vnet::plan
