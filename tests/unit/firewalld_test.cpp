// firewalld's zone for a network's bridge: libvirt's choice
// (networkAddFirewallRules), vnetctl's own zone where libvirt's is missing,
// the zone read back from firewalld's INPUT dispatch, the plan's step, and
// firewall-cmd's commands.
#include "backends/common/firewalld.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "backends/registry.h"
#include "core/plan/firewalld.h"
#include "core/plan/plan.h"
#include "core/xml/parse.h"
#include "tests/unit/firewall_test_util.h"

namespace vnet::plan {
namespace {

Network Net(const std::string& forward, const std::string& bridge_attrs = "") {
  std::string text = "<network><name>lab</name>" + forward + "<bridge name='virbr5'" +
                     bridge_attrs +
                     "/><ip address='192.168.5.1' prefix='24'><dhcp><range start='192.168.5.2' "
                     "end='192.168.5.9'/></dhcp></ip></network>";
  auto net = xml::ParseNetwork(text, "lab.xml");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  return std::move(net).value();
}

// firewalld 1.3's INPUT: the bound interfaces first, then the default zone's catch-all.
std::vector<live::FirewallChain> Firewalld(std::vector<std::pair<std::string, std::string>> bound) {
  live::FirewallChain input = testing::BaseChain("inet", "firewalld", "filter_INPUT", "input");
  input.ends_in_drop = true;
  for (const auto& [ifname, zone] : bound) input.dispatch.push_back({ifname, "filter_IN_" + zone});
  input.dispatch.push_back({"", "filter_IN_public"});
  return {input};
}

std::string Chosen(const Network& net, bool running, const FirewalldConfig& config) {
  Result<std::string> zone = ChooseFirewalldZone(net, running, config);
  REQUIRE_MESSAGE(zone.ok(), zone.error().message);
  return *zone;
}

TEST_CASE("firewalld zone: libvirt's choice, then vnetctl's own zone") {
  const FirewalldConfig libvirt{{"libvirt", "libvirt-routed", "vnetctl"}, {"libvirt-routed-out"}};
  const FirewalldConfig plain{{"vnetctl"}, {}};
  CHECK(Chosen(Net("<forward mode='nat'/>"), true, libvirt) == "libvirt");
  CHECK(Chosen(Net("<forward mode='route'/>"), true, libvirt) == "libvirt-routed");
  // libvirt-routed only with libvirt's policy (firewalld >= 0.9 has policies)
  CHECK(Chosen(Net("<forward mode='route'/>"), true, {{"libvirt", "libvirt-routed"}, {}}) ==
        "libvirt");
  CHECK(Chosen(Net(""), true, plain) == "vnetctl");  // isolated
  CHECK(Chosen(Net("<forward mode='nat'/>", " zone='trusted'"), true, plain) == "trusted");
  // no zone while firewalld does not run; none for open networks (libvirt sets no rule)
  CHECK(Chosen(Net("<forward mode='nat'/>"), false, libvirt) == "");
  CHECK(Chosen(Net("<forward mode='open'/>"), true, libvirt) == "");
}

TEST_CASE("firewalld zone: what libvirt refuses, in its words, and no zone at all") {
  Result<std::string> named = ChooseFirewalldZone(Net("<forward mode='nat'/>", " zone='trusted'"),
                                                  false, FirewalldConfig{});
  REQUIRE_FALSE(named.ok());
  CHECK(named.error().message ==
        "internal error: zone trusted requested for network lab but firewalld is not active");
  Result<std::string> none = ChooseFirewalldZone(Net("<forward mode='nat'/>"), true, {});
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message.find("neither libvirt's zone 'libvirt' nor vnetctl's zone "
                                  "'vnetctl' for network lab's bridge") != std::string::npos);
}

TEST_CASE("firewalld zone: read from firewalld's INPUT dispatch") {
  CHECK(FirewalldZoneOf({}, "virbr5") == std::pair<std::string, bool>{"", false});
  CHECK_FALSE(FirewalldRunning({}));
  auto chains = Firewalld({{"virbr0", "libvirt"}, {"virbr5", "vnetctl"}});
  CHECK(FirewalldRunning(chains));
  CHECK(FirewalldZoneOf(chains, "virbr5") == std::pair<std::string, bool>{"vnetctl", true});
  CHECK(FirewalldZoneOf(chains, "virbr9") == std::pair<std::string, bool>{"public", false});
}

TEST_CASE("firewalld zone: the plan binds it, and firewalld's own chains are the zone's") {
  Network net = Net("<forward mode='nat'/>");
  Caps caps;
  caps.placement = Placement::kPersistent;
  caps.manager = Version::Parse("252");
  caps.firewalld_zone = "vnetctl";
  auto want = Desire(net, *FindBackend("networkd"), caps);
  REQUIRE(want.ok());
  CHECK(want->firewalld_permanent);
  Observed have;
  have.firewall = Firewalld({});
  have.firewall.front().hook = "forward";  // a reject that would otherwise count as blocked
  have.firewall.push_back(Firewalld({}).front());
  Plan p = PlanStart(*want, nullptr, have, false);
  CHECK(p.blocked.empty());
  REQUIRE(p.HasStep(Object::kFirewalldZone, Action::kCreate));
  CHECK(FormatPlan(p, false).find("+ create firewalld-zone virbr5 in vnetctl: firewalld has it in "
                                  "its default zone 'public'") != std::string::npos);
  have.firewall = Firewalld({{"virbr5", "vnetctl"}});
  // bound at runtime only: firewall-cmd --reload would drop it
  Plan runtime_only = PlanStart(*want, nullptr, have, false);
  REQUIRE(runtime_only.HasStep(Object::kFirewalldZone, Action::kModify));
  auto zone_step = std::find_if(runtime_only.steps.begin(), runtime_only.steps.end(),
                                [](const Step& s) { return s.object == Object::kFirewalldZone; });
  CHECK(zone_step->why ==
        "not in firewalld's permanent configuration (/etc/firewalld/zones/vnetctl.xml): "
        "firewall-cmd --reload would drop it");
  have.firewalld_zone_file =
      live::FileState{true, false, "<zone>\n  <interface name=\"virbr5\"/>\n</zone>\n", "", 0644};
  CHECK_FALSE(PlanStart(*want, nullptr, have, false).Has(Object::kFirewalldZone));
  have.firewall = Firewalld({{"virbr5", "trusted"}});
  CHECK(PlanStart(*want, nullptr, have, false).HasStep(Object::kFirewalldZone, Action::kModify));
  // NetworkManager keeps the zone in its connection: no permanent binding of vnetctl's
  auto nm = Desire(net, *FindBackend("networkmanager"), caps);
  REQUIRE(nm.ok());
  CHECK_FALSE(nm->firewalld_permanent);
  bool zone_line = false;
  for (const auto& f : nm->files)
    zone_line |= f.file.content.find("\nzone=vnetctl\n") != std::string::npos;
  CHECK(zone_line);
  // destroy: a step while firewalld still has it bound
  NetworkStatus before;
  before.name = "lab";
  before.bridge = "virbr5";
  before.firewalld_zone = "vnetctl";
  have.firewall = Firewalld({{"virbr5", "vnetctl"}});
  CHECK(PlanDestroy(before, have).HasStep(Object::kFirewalldZone, Action::kDelete));
  have.firewall = Firewalld({});
  CHECK_FALSE(PlanDestroy(before, have).Has(Object::kFirewalldZone));
}

TEST_CASE("firewalld zone: firewall-cmd's commands") {
  Commands up = FirewalldBind("vnetctl", "virbr5", true);
  REQUIRE(up.size() == 2);
  CHECK(up[0].argv == std::vector<std::string>{"/usr/bin/firewall-cmd", "--quiet", "--zone=vnetctl",
                                               "--change-interface=virbr5"});
  CHECK(up[1].argv[2] == "--permanent");
  CHECK_FALSE(up[0].may_fail);
  CHECK(FirewalldBind("vnetctl", "virbr5", false).size() == 1);
  Commands down = FirewalldUnbind("vnetctl", "virbr5", true);
  REQUIRE(down.size() == 2);
  CHECK(down[0].argv.back() == "--remove-interface=virbr5");
  CHECK(down[0].may_fail);
  CHECK(down[1].may_fail);
}

}  // namespace
}  // namespace vnet::plan
