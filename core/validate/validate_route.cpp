// <route> (virNetDevIPRouteCreate in networkcommon_conf.c) and the
// reachability of each gateway (virNetworkDefParseXML). libvirt prefixes
// every route message with the network name.
#include "core/validate/rules.h"

namespace vnet::validate {

namespace {

void RouteError(Errors& errs, const Network& net, const Route& route, std::string_view tmpl,
                std::initializer_list<std::string_view> args, std::string_view attr = {}) {
  Report(errs, Code::kXmlError, net.name + ": " + Subst(tmpl, args), route.loc, attr);
}

bool CheckIpv4Route(Errors& errs, const Network& net, const Route& r) {
  const std::string addr = r.address.ToString();
  if (r.address.family != Family::kIpv4) {
    RouteError(errs, net, r,
               r.family ? "IPv4 family specified for non-IPv4 address '%s' in route definition"
                        : "No family specified for non-IPv4 address '%s' in route definition",
               {addr}, "address");
    return false;
  }
  if (r.gateway.family != Family::kIpv4) {
    // libvirt prints the address here, not the gateway.
    RouteError(errs, net, r,
               r.family ? "IPv4 family specified for non-IPv4 gateway '%s' in route definition"
                        : "No family specified for non-IPv4 gateway '%s' in route definition",
               {addr}, "gateway");
    return false;
  }
  if (r.netmask && r.netmask->family != Family::kIpv4) {
    RouteError(errs, net, r, "Invalid netmask '%s' for address '%s' (both must be IPv4)",
               {r.netmask->ToString(), addr}, "netmask");
    return false;
  }
  if (r.netmask && r.prefix) {
    RouteError(errs, net, r, "Route definition cannot have both a prefix and a netmask", {},
               "prefix");
    return false;
  }
  if (r.prefix && *r.prefix > 32) {
    RouteError(errs, net, r, "Invalid prefix %s specified in route definition, must be 0 - 32",
               {std::to_string(*r.prefix)}, "prefix");
    return false;
  }
  return true;
}

bool CheckIpv6Route(Errors& errs, const Network& net, const Route& r) {
  if (r.address.family != Family::kIpv6) {
    RouteError(errs, net, r, "ipv6 family specified for non-IPv6 address '%s' in route definition",
               {r.address.ToString()}, "address");
    return false;
  }
  if (r.netmask) {
    RouteError(errs, net, r, "Specifying netmask invalid for IPv6 address '%s' in route definition",
               {r.address.ToString()}, "netmask");
    return false;
  }
  if (r.gateway.family != Family::kIpv6) {
    RouteError(errs, net, r, "ipv6 specified for non-IPv6 gateway address '%s' in route definition",
               {r.gateway.ToString()}, "gateway");
    return false;
  }
  if (r.prefix && *r.prefix > 128) {
    RouteError(errs, net, r, "Invalid prefix %s specified in route definition, must be 0 - 128",
               {std::to_string(*r.prefix)}, "prefix");
    return false;
  }
  return true;
}

// The address with the route's mask applied; libvirt masks with the raw
// prefix (0 when absent), so a route without prefix/netmask must be 0.0.0.0.
IpAddr MaskedRouteAddress(const Route& r) {
  if (!r.netmask) return NetworkAddress(r.address, static_cast<int>(r.prefix.value_or(0)));
  IpAddr out = r.address;
  for (int i = 0; i < out.Bytes(); ++i) out.bytes[i] &= r.netmask->bytes[i];
  return out;
}

bool CheckRoute(Errors& errs, const Network& net, const Route& r) {
  bool ok = false;
  if (!r.family || *r.family == "ipv4") {
    ok = CheckIpv4Route(errs, net, r);
  } else if (*r.family == "ipv6") {
    ok = CheckIpv6Route(errs, net, r);
  } else {
    RouteError(errs, net, r, "Unrecognized family '%s' in route definition", {*r.family}, "family");
  }
  if (!ok) return false;
  if (MaskedRouteAddress(r) != r.address) {
    RouteError(errs, net, r, "Address '%s' in route definition is not a network address",
               {r.address.ToString()}, "address");
    return false;
  }
  return true;
}

bool GatewayReachable(const Network& net, const IpAddr& gateway) {
  for (const Ip& ip : net.ips) {
    if (ip.address.family != gateway.family) continue;
    int prefix = LibvirtIpPrefix(ip);
    if (prefix >= 0 && prefix <= ip.address.Bits() && InSubnet(gateway, ip.address, prefix)) {
      return true;
    }
  }
  return false;
}

}  // namespace

void CheckRoutes(Errors& errs, const Network& net) {
  bool all_ok = true;
  for (const Route& r : net.routes) all_ok = CheckRoute(errs, net, r) && all_ok;
  // libvirt checks gateways only once every route parsed.
  if (!all_ok) return;
  for (const Route& r : net.routes) {
    if (GatewayReachable(net, r.gateway)) continue;
    Report(errs, Code::kConfigUnsupported,
           Subst("unreachable static route gateway '%s' specified for network '%s'",
                 {r.gateway.ToString(), net.name}),
           r.loc, "gateway");
  }
}

}  // namespace vnet::validate
