// <ip family address netmask prefix> and <tftp> (virNetworkIPDefParseXML).
#include "core/validate/rules.h"

namespace vnet::validate {

namespace {

bool CheckIpv4(Errors& errs, const Network& net, const Ip& ip) {
  const std::string addr = ip.address.ToString();
  if (!ip.IsIpv4()) {
    Report(errs, Code::kConfigUnsupported,
           Subst("%s family specified for non-IPv4 address '%s' in network '%s'",
                 {ip.family ? "ipv4" : "no", addr, net.name}),
           ip.loc, "address");
    return false;
  }
  if (ip.netmask) {
    if (ip.netmask->family != Family::kIpv4) {
      Report(errs, Code::kConfigUnsupported,
             Subst("Invalid netmask '%s' for address '%s' in network '%s' (both must be IPv4)",
                   {ip.netmask->ToString(), addr, net.name}),
             ip.loc, "netmask");
      return false;
    }
    // libvirt treats prefix='0' as no prefix.
    if (ip.prefix && *ip.prefix > 0) {
      Report(errs, Code::kConfigUnsupported,
             Subst("Network '%s' IP address cannot have both a prefix and a netmask", {net.name}),
             ip.loc, "prefix");
      return false;
    }
  } else if (ip.prefix && *ip.prefix > 32) {
    Report(
        errs, Code::kConfigUnsupported,
        Subst("Invalid IPv4 prefix '%s' in network '%s'", {std::to_string(*ip.prefix), net.name}),
        ip.loc, "prefix");
    return false;
  }
  return true;
}

bool CheckIpv6(Errors& errs, const Network& net, const Ip& ip) {
  const std::string addr = ip.address.ToString();
  if (!ip.IsIpv6()) {
    Report(errs, Code::kConfigUnsupported,
           Subst("Family 'ipv6' specified for non-IPv6 address '%s' in network '%s'",
                 {addr, net.name}),
           ip.loc, "address");
    return false;
  }
  if (ip.netmask) {
    Report(errs, Code::kConfigUnsupported,
           Subst("netmask not allowed for IPv6 address '%s' in network '%s'", {addr, net.name}),
           ip.loc, "netmask");
    return false;
  }
  if (ip.prefix && *ip.prefix > 128) {
    Report(
        errs, Code::kConfigUnsupported,
        Subst("Invalid IPv6 prefix '%s' in network '%s'", {std::to_string(*ip.prefix), net.name}),
        ip.loc, "prefix");
    return false;
  }
  return true;
}

bool CheckIpAddressing(Errors& errs, const Network& net, const Ip& ip) {
  if (!ip.family || *ip.family == "ipv4") return CheckIpv4(errs, net, ip);
  if (*ip.family == "ipv6") return CheckIpv6(errs, net, ip);
  Report(errs, Code::kXmlError,
         Subst("Unrecognized family '%s' in network '%s'", {*ip.family, net.name}), ip.loc,
         "family");
  return false;
}

void CheckDhcp(Errors& errs, const Network& net, const Ip& ip) {
  if (!ip.dhcp) return;
  for (const DhcpRange& range : ip.dhcp->ranges) CheckDhcpRange(errs, range, ip, net);
  for (const DhcpHost& host : ip.dhcp->hosts) CheckDhcpHost(errs, host, ip, net);
}

}  // namespace

void CheckIps(Errors& errs, const Network& net) {
  for (const Ip& ip : net.ips) {
    // Range and host checks depend on a sound address/prefix; skip them
    // when the <ip> itself is wrong rather than pile up follow-on errors.
    if (!CheckIpAddressing(errs, net, ip)) continue;
    CheckDhcp(errs, net, ip);
    if (ip.tftp_root && !ip.IsIpv4()) {
      Report(errs, Code::kConfigUnsupported,
             Subst("Unsupported <tftp> element in an IPv6 element in network '%s'", {net.name}),
             ip.ChildLoc("tftp"));
    }
  }
}

}  // namespace vnet::validate
