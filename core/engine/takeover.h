// import --takeover for one network active in libvirt: stop libvirt's, start
// vnetctl's on the same bridge with libvirt's leases and the guests' ports,
// and leave libvirt its stand-in (core/import/stand_in.h) so that domains
// naming the network still start; libvirt's own network comes back if
// either does not come up.
#pragma once

#include "core/engine/realize.h"
#include "core/import/libvirt_source.h"

namespace vnet::engine {

struct TakenOver {
  Realized realized;
  int leases_carried = 0;  // written into vnetctl's dnsmasq lease file
  int ports_adopted = 0;   // guests' ports moved to the new bridge
};

/// `net` is vnetctl's network (defined already unless transient); `source`
/// is libvirt's. `dnsmasq_dhcp`: whether vnetctl's dnsmasq will serve DHCPv4
/// (only then are leases written). `stand_in_xml`: the stand-in's definition.
/// On failure libvirt's network is defined and running again as it was, and
/// the error says so.
Result<TakenOver> TakeOver(Engine& e, import::LibvirtClient& libvirt,
                           const import::SourceNetwork& source, const Network& net,
                           bool dnsmasq_dhcp, const std::string& stand_in_xml);

}  // namespace vnet::engine
