// <dhcp><range>, <dhcp><host> and their <lease> (virNetworkDHCPRangeDefParseXML,
// virNetworkDHCPHostDefParseXML, virNetworkDHCPLeaseTimeDefParseXML).
#include <cctype>

#include "core/validate/rules.h"
#include "core/validate/validate.h"

namespace vnet {

namespace validate {

namespace {

void CheckLease(Errors& errs, const Lease& lease) {
  // dnsmasq: "The minimum lease time is two minutes"; 0 means infinite.
  LeaseUnit unit = lease.EffectiveUnit();
  bool too_short = lease.expiry > 0 && ((unit == LeaseUnit::kSeconds && lease.expiry < 120) ||
                                        (unit == LeaseUnit::kMinutes && lease.expiry < 2));
  if (too_short) {
    Report(errs, Code::kConfigUnsupported,
           "The minimum lease time should be greater than 2 minutes", lease.loc, "expiry");
  }
}

void CheckHostMac(Errors& errs, const DhcpHost& host, const Ip& parent, const Network& net) {
  const std::string mac = host.mac->ToString();
  if (parent.IsIpv6()) {
    Report(errs, Code::kXmlError,
           Subst("Invalid to specify MAC address '%s' in network '%s' IPv6 static host "
                 "definition",
                 {mac, net.name}),
           host.loc, "mac");
  } else if (host.mac->IsMulticast()) {
    Report(errs, Code::kXmlError,
           Subst("expected unicast mac address, found multicast '%s' in network '%s'",
                 {mac, net.name}),
           host.loc, "mac");
  }
}

// Returns false after reporting.
bool CheckHostIdAndName(Errors& errs, const DhcpHost& host, const Network& net) {
  if (host.id) {
    size_t bad = host.id->find_first_not_of("0123456789abcdefABCDEF:");
    if (bad != std::string::npos) {
      Report(errs, Code::kXmlError,
             Subst("Invalid character '%s' in id '%s' of network '%s'",
                   {host.id->substr(bad, 1), *host.id, net.name}),
             host.loc, "id");
      return false;
    }
  }
  if (host.name &&
      (host.name->empty() || !std::isalnum(static_cast<unsigned char>((*host.name)[0])))) {
    Report(errs, Code::kXmlError,
           Subst("Cannot use host name '%s' in network '%s'", {*host.name, net.name}), host.loc,
           "name");
    return false;
  }
  return true;
}

bool CheckHostRequired(Errors& errs, const DhcpHost& host, const Ip& parent, const Network& net) {
  if (parent.IsIpv6() && !host.id && !host.name) {
    Report(errs, Code::kXmlError,
           Subst("Static host definition in IPv6 network '%s' must have id or name attribute",
                 {net.name}),
           host.loc);
    return false;
  }
  if (!parent.IsIpv6() && !host.mac && !host.name) {
    Report(errs, Code::kXmlError,
           Subst("Static host definition in IPv4 network '%s' must have mac or name attribute",
                 {net.name}),
           host.loc);
    return false;
  }
  if (!host.ip) {
    Report(errs, Code::kXmlError,
           Subst("Missing IP address in static host definition for network '%s'", {net.name}),
           host.loc, "ip");
    return false;
  }
  return true;
}

}  // namespace

// libvirt's range messages name the subnet, not the network.
void CheckDhcpRange(Errors& errs, const DhcpRange& range, const Ip& parent,
                    const Network& /*net*/) {
  if (!CheckRange(errs, range.start, range.end, &parent.address, LibvirtIpPrefix(parent),
                  range.loc)) {
    return;
  }
  if (range.lease) CheckLease(errs, *range.lease);
}

void CheckDhcpHost(Errors& errs, const DhcpHost& host, const Ip& parent, const Network& net) {
  size_t before = errs.size();
  if (host.mac) CheckHostMac(errs, host, parent, net);
  if (errs.size() != before) return;
  if (!CheckHostIdAndName(errs, host, net)) return;
  if (!CheckHostRequired(errs, host, parent, net)) return;
  if (host.lease) CheckLease(errs, *host.lease);
}

}  // namespace validate

std::vector<Error> ValidateDhcpHost(const DhcpHost& host, const Ip& parent, const Network& net) {
  validate::Errors errs;
  validate::CheckDhcpHost(errs, host, parent, net);
  if (errs.empty()) validate::CheckStrictDhcpHost(errs, host, parent, net);
  return errs;
}

std::vector<Error> ValidateDhcpRange(const DhcpRange& range, const Ip& parent, const Network& net) {
  validate::Errors errs;
  validate::CheckDhcpRange(errs, range, parent, net);
  return errs;
}

}  // namespace vnet
