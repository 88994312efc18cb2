#include <string>

#include "backends/networkmanager/render_internal.h"

namespace vnet::nm {

namespace {

constexpr Version kIpv6DisabledSince{1, 20, 0};

std::string SectionName(Family family) { return family == Family::kIpv4 ? "ipv4" : "ipv6"; }

Status AddAddresses(Keyfile& kf, const Network& net, Family family) {
  int n = 0;
  for (const Ip& ip : net.ips) {
    if (ip.AddrFamily() != family) continue;
    int prefix = ip.EffectivePrefix();
    if (prefix < 0) {
      // libvirt's networkAddAddrToBridge wording.
      return MakeError(ErrorKind::kInvalidInput,
                       "bridge '" + net.BridgeName() + "' has an invalid netmask or IP address",
                       ip.loc);
    }
    kf.Set(SectionName(family), "address" + std::to_string(++n),
           ip.address.ToString() + "/" + std::to_string(prefix));
  }
  return OkStatus();
}

// libvirt adds each route with virNetDevIPRouteGetMetric: the metric, or 1.
Status AddRoutes(Keyfile& kf, const Network& net, Family family) {
  int n = 0;
  for (const Route& route : net.routes) {
    if (route.address.family != family) continue;
    int prefix = route.EffectivePrefix();
    if (prefix < 0) {
      return MakeError(
          ErrorKind::kInvalidInput,
          "network '" + net.name + "' has an invalid netmask or IP address in route definition",
          route.loc);
    }
    uint32_t metric = route.metric.value_or(0) > 0 ? *route.metric : 1;
    kf.Set(SectionName(family), "route" + std::to_string(++n),
           route.address.ToString() + "/" + std::to_string(prefix) + "," +
               route.gateway.ToString() + "," + std::to_string(metric));
  }
  return OkStatus();
}

bool HasFamily(const Network& net, Family family) {
  for (const Ip& ip : net.ips) {
    if (ip.AddrFamily() == family) return true;
  }
  return false;
}

}  // namespace

// Keys in libnm's (alphabetical) order: addr-gen-mode, addressN, method,
// never-default, routeN.
Status AddIp(Keyfile& kf, const Network& net, Family family, const Caps& caps) {
  const std::string section = SectionName(family);
  bool manual = HasFamily(net, family);
  if (!manual && family == Family::kIpv6) {
    VNET_TRY(RequireVersion(caps, kIpv6DisabledSince, "ipv6.method=disabled",
                            "a network without an IPv6 <ip>", net.loc));
  }
  if (manual && family == Family::kIpv6) kf.Set(section, "addr-gen-mode", "eui64");
  VNET_TRY(AddAddresses(kf, net, family));
  kf.Set(section, "method", manual ? "manual" : "disabled");
  if (manual) kf.Set(section, "never-default", "true");
  return AddRoutes(kf, net, family);
}

}  // namespace vnet::nm
