// ReadKernel against the real kernel, on links built in a private network
// namespace with `ip` (the reader itself never runs or parses `ip`).
#include <doctest/doctest.h>

#include <algorithm>

#include "core/live/host_reader.h"
#include "live_test_util.h"

namespace vnet::live {
namespace {

using live_testing::kIp;

// A bridge with STP and a 4 s forward delay, a veth port whose peer is down
// (so the bridge has no carrier and its IPv6 address stays tentative), and a
// veth pair (vdum0 has a fixed MAC, jumbo MTU, addresses and two gateway
// routes). veth, not dummy: the dummy module is not available everywhere
// (containers cannot load it).
const std::vector<std::vector<std::string>> kSetup = {
    {kIp, "link", "add", "vbr0", "type", "bridge", "stp_state", "1", "forward_delay", "400"},
    {kIp, "link", "add", "vport0", "type", "veth", "peer", "name", "vpeer0"},
    {kIp, "link", "set", "vport0", "master", "vbr0", "up"},
    {kIp, "link", "set", "vbr0", "up"},
    {kIp, "addr", "add", "10.77.0.1/24", "dev", "vbr0"},
    {kIp, "addr", "add", "2001:db8:77::1/64", "dev", "vbr0"},
    {kIp, "link", "add", "vdum0", "mtu", "9000", "type", "veth", "peer", "name", "vdum1", "mtu",
     "9000"},
    {kIp, "link", "set", "vdum1", "up"},
    {kIp, "link", "set", "vdum0", "address", "02:11:22:33:44:55", "up"},
    {kIp, "addr", "add", "10.1.2.3/24", "dev", "vdum0"},
    {kIp, "addr", "add", "2001:db8:1::3/64", "dev", "vdum0", "nodad"},
    {kIp, "route", "add", "10.9.0.0/16", "via", "10.1.2.254", "dev", "vdum0", "metric", "123",
     "proto", "static"},
    {kIp, "-6", "route", "add", "2001:db8:9::/48", "via", "2001:db8:1::fe", "dev", "vdum0",
     "metric", "77"},
};

HostState ReadInPrivateNetns() {
  Result<HostState> state = MakeError(ErrorKind::kSystem, "reader did not run");
  std::string error = live_testing::InPrivateNetns([&] {
    std::string setup_error = live_testing::RunAll(kSetup);
    if (setup_error.empty()) state = MakeSystemHostReader()->ReadKernel();
    return setup_error;
  });
  REQUIRE_MESSAGE(error.empty(), error);
  REQUIRE_MESSAGE(state.ok(), (state.ok() ? "" : state.error().Format()));
  return std::move(state).value();
}

IpAddr Ip(const char* text) { return IpAddr::Parse(text).value(); }

const Address* FindAddress(const Link& link, const char* ip) {
  auto it = std::find_if(link.addresses.begin(), link.addresses.end(),
                         [&](const Address& a) { return a.ip == Ip(ip); });
  return it == link.addresses.end() ? nullptr : &*it;
}

const Route* FindRoute(const HostState& state, const char* dest, unsigned prefix) {
  auto it = std::find_if(state.routes.begin(), state.routes.end(),
                         [&](const Route& r) { return r.dest == Ip(dest) && r.prefix == prefix; });
  return it == state.routes.end() ? nullptr : &*it;
}

// Built and read once; each test case looks at one part of it.
const HostState& Kernel() {
  static const HostState state = ReadInPrivateNetns();
  return state;
}

TEST_CASE("live netlink: every link of the private netns, sorted by name" *
          doctest::test_suite("root")) {
  live_testing::RequireRootAndTools();
  const HostState& state = Kernel();
  std::vector<std::string> names;
  for (const Link& link : state.links) names.push_back(link.name);
  CHECK(names == std::vector<std::string>{"lo", "vbr0", "vdum0", "vdum1", "vpeer0", "vport0"});
  CHECK(state.FindLink("eth0") == nullptr);  // the host's links are not visible
}

TEST_CASE("live netlink: bridge kind, flags, STP, forward delay and addresses" *
          doctest::test_suite("root")) {
  live_testing::RequireRootAndTools();
  const HostState& state = Kernel();
  const Link* br = state.FindLink("vbr0");
  REQUIRE(br != nullptr);
  CHECK(br->kind == "bridge");
  CHECK(br->admin_up);
  CHECK_FALSE(br->lower_up);  // its only port has no carrier
  CHECK(br->mtu == 1500);
  CHECK(br->mac.has_value());
  CHECK(br->stp == std::optional<bool>(true));
  CHECK(br->forward_delay_cs == std::optional<unsigned>(400));
  const Address* v4 = FindAddress(*br, "10.77.0.1");
  REQUIRE(v4 != nullptr);
  CHECK(v4->prefix == 24);
  CHECK_FALSE(v4->tentative);
  const Address* v6 = FindAddress(*br, "2001:db8:77::1");
  REQUIRE(v6 != nullptr);
  CHECK(v6->prefix == 64);
  CHECK(v6->tentative);  // DAD cannot run without carrier
}

TEST_CASE("live netlink: bridge port master, veth and loopback links" *
          doctest::test_suite("root")) {
  live_testing::RequireRootAndTools();
  const HostState& state = Kernel();
  const Link* port = state.FindLink("vport0");
  REQUIRE(port != nullptr);
  CHECK(port->kind == "veth");
  CHECK(port->master == "vbr0");
  CHECK(port->admin_up);
  CHECK_FALSE(port->stp.has_value());
  const Link* peer = state.FindLink("vpeer0");
  REQUIRE(peer != nullptr);
  CHECK_FALSE(peer->admin_up);
  CHECK(peer->master.empty());
  const Link* lo = state.FindLink("lo");
  REQUIRE(lo != nullptr);
  CHECK(lo->kind.empty());
  const Link* dummy = state.FindLink("vdum0");
  REQUIRE(dummy != nullptr);
  CHECK(dummy->kind == "veth");
  CHECK(dummy->admin_up);
  CHECK(dummy->lower_up);
  CHECK(dummy->mtu == 9000);
  CHECK(dummy->mac == MacAddr::Parse("02:11:22:33:44:55"));
  CHECK_FALSE(dummy->forward_delay_cs.has_value());
  REQUIRE(FindAddress(*dummy, "10.1.2.3") != nullptr);
  REQUIRE(FindAddress(*dummy, "2001:db8:1::3") != nullptr);
  CHECK_FALSE(FindAddress(*dummy, "2001:db8:1::3")->tentative);
}

TEST_CASE("live netlink: main-table unicast routes with gateway, metric, dev, protocol" *
          doctest::test_suite("root")) {
  live_testing::RequireRootAndTools();
  const HostState& state = Kernel();
  const Route* v4 = FindRoute(state, "10.9.0.0", 16);
  REQUIRE(v4 != nullptr);
  CHECK(v4->gateway == Ip("10.1.2.254"));
  CHECK(v4->metric == 123);
  CHECK(v4->dev == "vdum0");
  CHECK(v4->protocol == "static");
  CHECK(v4->table == 254);
  const Route* v6 = FindRoute(state, "2001:db8:9::", 48);
  REQUIRE(v6 != nullptr);
  CHECK(v6->gateway == Ip("2001:db8:1::fe"));
  CHECK(v6->metric == 77);
  CHECK(v6->dev == "vdum0");
  CHECK(v6->protocol == "boot");  // ip's default
  const Route* prefix = FindRoute(state, "10.1.2.0", 24);
  REQUIRE(prefix != nullptr);
  CHECK(prefix->protocol == "kernel");
  CHECK_FALSE(prefix->gateway.has_value());
  // Local-table routes (the host's own addresses) are not main-table routes.
  CHECK(FindRoute(state, "10.1.2.3", 32) == nullptr);
}

}  // namespace
}  // namespace vnet::live
