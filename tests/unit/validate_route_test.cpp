#include <doctest/doctest.h>

#include "tests/unit/validate_test_util.h"

using namespace vnet;           // NOLINT
using namespace vnet::testing;  // NOLINT

namespace {

Route MakeRoute(const char* address, std::optional<uint32_t> prefix, const char* gateway) {
  Route r;
  r.address = Addr(address);
  r.prefix = prefix;
  r.gateway = Addr(gateway);
  if (r.address.family == Family::kIpv6) r.family = "ipv6";
  r.loc = Loc("/network/route[1]", 20);
  return r;
}

std::string RouteFirst(const Route& r) {
  Network net = NatNetwork();
  net.ips.push_back(MakeIp("2001:db8:ca2:2::1", 64, "/network/ip[2]"));
  net.routes.push_back(r);
  return First(net);
}

}  // namespace

TEST_CASE("valid routes") {
  CHECK(RouteFirst(MakeRoute("192.168.222.0", 24, "192.168.122.2")) == "");
  CHECK(RouteFirst(MakeRoute("2001:db8:ca2:3::", 64, "2001:db8:ca2:2::2")) == "");
  Route masked = MakeRoute("10.24.0.0", std::nullopt, "192.168.122.10");
  masked.netmask = Addr("255.255.0.0");
  CHECK(RouteFirst(masked) == "");
}

TEST_CASE("route gateway must be reachable") {
  Route r = MakeRoute("192.168.222.0", 24, "10.0.0.1");
  CHECK(RouteFirst(r) ==
        "unsupported configuration: unreachable static route gateway '10.0.0.1' specified for "
        "network 'default'");
  Route v6 = MakeRoute("2001:db8:ca2:3::", 64, "2001:db8:ffff::1");
  CHECK(RouteFirst(v6) ==
        "unsupported configuration: unreachable static route gateway '2001:db8:ffff::1' "
        "specified for network 'default'");
}

TEST_CASE("route address must be a network address") {
  Route r = MakeRoute("192.168.222.1", 24, "192.168.122.2");
  Error e = [&] {
    Network net = NatNetwork();
    net.routes.push_back(r);
    return FirstError(net);
  }();
  CHECK(e.message ==
        "XML error: default: Address '192.168.222.1' in route definition is not a network "
        "address");
  CHECK(e.where.path == "/network/route[1]/@address");
  // Without prefix or netmask libvirt masks with prefix 0.
  CHECK(RouteFirst(MakeRoute("192.168.222.0", std::nullopt, "192.168.122.2")) ==
        "XML error: default: Address '192.168.222.0' in route definition is not a network "
        "address");
}

TEST_CASE("route family, netmask and prefix rules") {
  Route r = MakeRoute("2001:db8:ca2:3::", 64, "2001:db8:ca2:2::2");
  r.family.reset();
  CHECK(RouteFirst(r) ==
        "XML error: default: No family specified for non-IPv4 address '2001:db8:ca2:3::' in "
        "route definition");
  Route gw = MakeRoute("192.168.222.0", 24, "2001:db8:ca2:2::2");
  gw.family = "ipv4";
  CHECK(RouteFirst(gw) ==
        "XML error: default: IPv4 family specified for non-IPv4 gateway '192.168.222.0' in "
        "route definition");
  Route both = MakeRoute("192.168.222.0", 24, "192.168.122.2");
  both.netmask = Addr("255.255.255.0");
  CHECK(RouteFirst(both) ==
        "XML error: default: Route definition cannot have both a prefix and a netmask");
  CHECK(RouteFirst(MakeRoute("192.168.222.0", 33, "192.168.122.2")) ==
        "XML error: default: Invalid prefix 33 specified in route definition, must be 0 - 32");
  CHECK(RouteFirst(MakeRoute("2001:db8:ca2:3::", 129, "2001:db8:ca2:2::2")) ==
        "XML error: default: Invalid prefix 129 specified in route definition, must be 0 - 128");
  Route v6mask = MakeRoute("2001:db8:ca2:3::", std::nullopt, "2001:db8:ca2:2::2");
  v6mask.netmask = Addr("255.255.255.0");
  CHECK(RouteFirst(v6mask) ==
        "XML error: default: Specifying netmask invalid for IPv6 address '2001:db8:ca2:3::' in "
        "route definition");
  Route v6gw = MakeRoute("2001:db8:ca2:3::", 64, "192.168.122.2");
  CHECK(RouteFirst(v6gw) ==
        "XML error: default: ipv6 specified for non-IPv6 gateway address '192.168.122.2' in "
        "route definition");
  Route fam = MakeRoute("192.168.222.0", 24, "192.168.122.2");
  fam.family = "inet";
  CHECK(RouteFirst(fam) == "XML error: default: Unrecognized family 'inet' in route definition");
}
