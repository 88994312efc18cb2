// Pieces shared by the dnsmasq configuration and hosts-file renderers. Not a
// public interface: include backends/common/dnsmasq.h instead.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/model/network.h"

namespace vnet::dnsmasq_internal {

/// The <ip> that serves DHCP for each family (libvirt serves one per family).
struct DhcpIps {
  const Ip* v4 = nullptr;
  const Ip* v6 = nullptr;
};

/// The first DHCP-serving <ip> per family; a second one of the same family is
/// libvirt's "multiple DHCP definitions" error.
Result<DhcpIps> FindDhcpIps(const Network& net);

/// dnsmasq's lease time: "infinite", or N with the unit's first letter (s/m/h).
std::string LeaseTime(const Lease& lease);

/// Refuses a value that would end its line in a file dnsmasq reads.
Status CheckOneLine(std::string_view value, std::string_view what, const Network& net,
                    const SourceLoc& where);

/// A free-text value as one token of a dnsmasq option: as is when nothing in
/// it is special to dnsmasq (so libvirt's configurations stay byte for byte),
/// else in double quotes with '"' and '\\' escaped. dnsmasq splits an option
/// on ',', takes '#' after a blank as a comment and drops bare quotes; inside
/// quotes it keeps all of these (option.c: hide_meta / opt_string_alloc).
std::string Quoted(std::string_view value);

}  // namespace vnet::dnsmasq_internal
