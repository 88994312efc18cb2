// libvirt's record of its dnsmasq's leases (/var/lib/libvirt/dnsmasq/
// BRIDGE.status, written by libvirt_leaseshelper): a JSON array with one
// object per lease ("ip-address", "mac-address" (IPv4), "iaid" and
// "server-duid" (IPv6), "hostname", "client-id", "expiry-time"). libvirt's
// dnsmasq reads its leases back from it when the network starts (the
// helper's "init"), and `virsh net-dhcp-leases` lists it: writing it before
// libvirt's network starts again is how a handback carries vnetctl's leases
// to libvirt, the inverse of carry.h's DnsmasqLeasesFrom. Pure.
#pragma once

#include <string>

#include "core/live/leases.h"

namespace vnet::import {

/// The status file for `leases` (vnetctl's dnsmasq lease file, parsed).
/// `count`, if given, receives the number of leases written.
std::string LibvirtLeaseStatus(const live::DnsmasqLeaseFile& leases, int* count = nullptr);

}  // namespace vnet::import
