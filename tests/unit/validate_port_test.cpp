#include <doctest/doctest.h>

#include "tests/unit/validate_test_util.h"

using namespace vnet;           // NOLINT
using namespace vnet::testing;  // NOLINT

namespace {

BandwidthRate Rate(std::optional<uint64_t> average, std::optional<uint64_t> peak,
                   std::optional<uint64_t> floor) {
  return BandwidthRate{average, peak, floor, std::nullopt, Loc("/network/bandwidth/inbound", 8)};
}

Network OvsNetwork() {
  Network net = ModeNetwork(ForwardMode::kBridge, "ovs");
  net.bridge.emplace();
  net.bridge->name = "ovsbr0";
  net.virtualport = VirtualPort{};
  net.virtualport->type = "openvswitch";
  return net;
}

Portgroup Group(std::string name, bool is_default = false) {
  Portgroup pg;
  pg.name = std::move(name);
  pg.is_default = is_default;
  pg.loc = Loc("/network/portgroup", 9);
  return pg;
}

Vlan Tags(std::initializer_list<uint32_t> ids) {
  Vlan v;
  for (uint32_t id : ids) v.tags.push_back(VlanTag{id, std::nullopt, {}});
  return v;
}

}  // namespace

TEST_CASE("bandwidth rates") {
  Network net = NatNetwork();
  net.bandwidth.emplace();
  net.bandwidth->inbound = Rate(std::nullopt, std::nullopt, std::nullopt);
  CHECK(First(net) == "Missing mandatory average or floor attributes");
  net.bandwidth->inbound = Rate(std::nullopt, 100, 10);
  CHECK(First(net) == "unsupported configuration: 'peak' and 'burst' require 'average' attribute");
  net.bandwidth->inbound = Rate(100, 200, 10);
  Error e = FirstError(net);
  CHECK(e.message == "unsupported configuration: floor attribute is not supported for this config");
  CHECK(e.where.path == "/network/bandwidth/inbound/@floor");
  net.bandwidth->inbound = Rate(100, 200, std::nullopt);
  CHECK(First(net) == "");
}

TEST_CASE("vlan parse rules") {
  Network net = OvsNetwork();
  net.vlan = Vlan{};
  CHECK(First(net) ==
        "XML error: missing tag id - each <vlan> must have at least one <tag id='n'/> "
        "subelement");
  net.vlan = Tags({4096});
  CHECK(First(net) == "XML error: vlan tag id 4096 too large (maximum 4095)");
  net.vlan = Tags({1, 2});
  net.vlan->tags[0].native_mode = VlanNativeMode::kTagged;
  net.vlan->tags[1].native_mode = VlanNativeMode::kUntagged;
  CHECK(First(net) == "XML error: duplicate native vlan setting");
  net.vlan = Tags({1, 2});
  net.vlan->trunk = false;
  CHECK(First(net) ==
        "XML error: invalid \"trunk='no'\" in <vlan> - trunk='yes' is required for more than "
        "one vlan tag");
  net.vlan = Tags({1});
  net.vlan->trunk = false;
  net.vlan->tags[0].native_mode = VlanNativeMode::kTagged;
  CHECK(First(net) ==
        "XML error: invalid configuration in <vlan> - \"trunk='no'\" is not allowed with a "
        "native vlan id");
  net.vlan = Tags({1, 2});
  CHECK(First(net) == "");
}

TEST_CASE("vlan only where the mode supports it") {
  Network net = NatNetwork();
  net.vlan = Tags({10});
  CHECK(First(net) ==
        "unsupported configuration: <vlan> element specified for network default, whose type "
        "doesn't support vlan configuration");
  Network pg_net = OvsNetwork();
  pg_net.virtualport.reset();
  pg_net.portgroups.push_back(Group("a"));
  pg_net.portgroups[0].vlan = Tags({10});
  CHECK(First(pg_net) ==
        "unsupported configuration: <vlan> element specified for network ovs, whose type "
        "doesn't support vlan configuration");
  pg_net.portgroups[0].virtualport = VirtualPort{};
  pg_net.portgroups[0].virtualport->type = "openvswitch";
  CHECK(First(pg_net) == "");
}

TEST_CASE("virtualport parameters") {
  Network net = OvsNetwork();
  net.virtualport->type.reset();
  CHECK(First(net) == "XML error: missing required virtualport type");
  net.virtualport->type = "vmware";
  CHECK(First(net) == "unsupported configuration: unknown virtualport type vmware");
  net.virtualport->type = "802.1Qbg";
  net.virtualport->manager_id = "256";
  CHECK(First(net) == "XML error: value of managerid out of range");
  net.virtualport->manager_id = "x";
  CHECK(First(net) == "XML error: cannot parse value of managerid parameter");
  net.virtualport->manager_id = "0x11";
  net.virtualport->type_id = "0x1000000";
  CHECK(First(net) == "XML error: value for typeid out of range");
  net.virtualport->type_id = "1193047";
  net.virtualport->instance_id = "not-a-uuid";
  CHECK(First(net) == "XML error: cannot parse instanceid parameter as a uuid");
  net.virtualport->instance_id = "09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f";
  net.virtualport->profile_id = "p";
  CHECK(First(net) == "XML error: extra profileid unsupported in <virtualport type='802.1Qbg'>");
  net.virtualport->type = "openvswitch";
  net.virtualport->profile_id.reset();
  CHECK(First(net) == "XML error: extra managerid unsupported in <virtualport type='openvswitch'>");
}

TEST_CASE("portgroups: names and defaults") {
  Network net = OvsNetwork();
  net.portgroups = {Group("")};
  CHECK(First(net) == "XML error: Missing required name attribute in portgroup");
  net.portgroups = {Group("a", true), Group("b", true)};
  CHECK(First(net) ==
        "unsupported configuration: network 'ovs' has multiple default <portgroup> elements (a "
        "and b), but only one default is allowed");
  net.portgroups = {Group("a"), Group("b"), Group("a")};
  CHECK(First(net) ==
        "unsupported configuration: multiple <portgroup> elements with the same name (a) in "
        "network 'ovs'");
}

TEST_CASE("portgroup bandwidth needs a bridge") {
  Network net = ModeNetwork(ForwardMode::kHostdev, "hd");
  net.forward->addresses.push_back(PciAddress{0, 3, 0, 1, {}});
  net.portgroups = {Group("a")};
  net.portgroups[0].bandwidth = Bandwidth{Rate(100, std::nullopt, std::nullopt), std::nullopt, {}};
  CHECK(First(net) ==
        "unsupported configuration: Unsupported <bandwidth> element in network 'hd' in "
        "portgroup 'a' with forward mode='hostdev'");
}
