// core/plan/companion.h: the companions as objects. Their order (the
// transaction's start and stop order), each one's part of the plan, and the
// commands each gives to start, stop and undo, on libvirt's default network
// for networkd. The transaction running them is engine_test.cpp's.
#include "core/plan/companion.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "activation_test_util.h"
#include "backends/common/companion_runtime.h"
#include "backends/registry.h"

namespace vnet::plan {
namespace companion_test {

using activation_test::kDefaultXml;
using activation_test::Parse;

Desired Want(const Network& net, const std::string& zone = "") {
  Caps caps;
  caps.placement = Placement::kRuntime;
  caps.manager = Version::Parse("252");
  caps.firewalld_zone = zone;
  auto d = Desire(net, *FindBackend("networkd"), caps);
  REQUIRE_MESSAGE(d.ok(), d.error().Format());
  return std::move(d).value();
}

std::vector<std::string> Names() {
  std::vector<std::string> names;
  for (const Companion* c : Companions()) names.emplace_back(c->Name());
  return names;
}

// The index of the first step on `o` in `p`, or the number of steps.
size_t FirstStep(const Plan& p, Object o) {
  auto it =
      std::find_if(p.steps.begin(), p.steps.end(), [&](const Step& s) { return s.object == o; });
  return static_cast<size_t>(it - p.steps.begin());
}

TEST_CASE("companions: one list; dnsmasq alone waits for the bridge") {
  CHECK(Names() ==
        std::vector<std::string>{"passages", "firewalld", "nftables", "forwarding", "dnsmasq"});
  for (const Companion* c : Companions()) {
    CHECK_MESSAGE((c->When() == Phase::kAfterBridge) == (c->Name() == "dnsmasq"), c->Name());
  }
  // What ifupdown's hooks run with the stanza (backends/ifupdown/companion_hooks.cpp).
  for (const Companion* c : Companions()) {
    bool hooked = c->Name() == "nftables" || c->Name() == "forwarding" || c->Name() == "dnsmasq";
    CHECK_MESSAGE(c->StartedByManagerHooks() == hooked, c->Name());
  }
}

TEST_CASE("companions: a first start's plan lists their steps in the order they run") {
  Desired want = Want(Parse(kDefaultXml), "libvirt");
  Plan p = PlanStart(want, nullptr, Observed{}, false);
  CHECK(FirstStep(p, Object::kFirewalldZone) < FirstStep(p, Object::kNftTable));
  CHECK(FirstStep(p, Object::kNftTable) < FirstStep(p, Object::kSysctl));
  CHECK(FirstStep(p, Object::kSysctl) < FirstStep(p, Object::kDnsmasq));
  CHECK(FirstStep(p, Object::kDnsmasq) < p.steps.size());
}

TEST_CASE("companions: each one's desired state") {
  Network net = Parse(kDefaultXml);
  Desired want = Want(net, "libvirt");
  CHECK(want.nft_table == "vnetctl_default");
  CHECK(want.sysctls == std::vector<std::string>{"net/ipv4/ip_forward"});
  CHECK(want.dnsmasq);
  CHECK(want.dnsmasq_ports == std::vector<uint16_t>{67, 53});
  CHECK(want.firewalld_zone == "libvirt");
  CHECK(want.firewalld_permanent);  // networkd does not keep a zone itself
  CHECK(want.forward_ipv4);
  CHECK(want.serve_ipv4);
}

TEST_CASE("companions: start carries out exactly the plan's steps") {
  Network net = Parse(kDefaultXml);
  Desired want = Want(net);
  Plan fresh = PlanStart(want, nullptr, Observed{}, false);
  CHECK(NftablesCompanion().Start(net, want, fresh) == FirewallUp(net, Placement::kRuntime));
  CHECK(ForwardingCompanion().Start(net, want, fresh) == ForwardingUp(net));
  CHECK(DnsmasqCompanion().Start(net, want, fresh) == DnsmasqStart(net, Placement::kRuntime));
  CHECK(PassagesCompanion().Start(net, want, fresh).empty());   // no drop on this host
  CHECK(FirewalldCompanion().Start(net, want, fresh).empty());  // no firewalld
  Plan nothing;
  for (const Companion* c : Companions()) CHECK(c->Start(net, want, nothing).empty());

  Plan restart;
  restart.steps.push_back(Step{Action::kRestart, Object::kDnsmasq, "", "", false});
  Commands cmds = DnsmasqCompanion().Start(net, want, restart);
  Commands stop_then_start = DnsmasqStop(net);
  for (const auto& c : DnsmasqStart(net, Placement::kRuntime)) stop_then_start.push_back(c);
  CHECK(cmds == stop_then_start);
  Plan reload;
  reload.steps.push_back(Step{Action::kReload, Object::kDnsmasq, "", "", false});
  CHECK(DnsmasqCompanion().Start(net, want, reload) == DnsmasqReload(net));
}

TEST_CASE("companions: stop takes down what the record names, and only that") {
  Network net = Parse(kDefaultXml);
  NetworkStatus s;
  s.name = "default";
  s.bridge = "virbr0";
  CHECK(FirewalldCompanion().Stop(net, s).empty());
  CHECK(PassagesCompanion().Stop(net, s).empty());
  CHECK(ForwardingCompanion().Stop(net, s).empty());  // libvirt never resets it
  s.firewalld_zone = "libvirt";
  s.passages = {"ip filter FORWARD"};
  CHECK_FALSE(FirewalldCompanion().Stop(net, s).empty());
  CHECK_FALSE(PassagesCompanion().Stop(net, s).empty());
  CHECK(DnsmasqCompanion().Stop(net, s) == DnsmasqStop(net));
  CHECK(DnsmasqCompanion().Leftovers(net) ==
        std::vector<std::string>{"/run/vnetctl/dnsmasq/default.pid"});
}

TEST_CASE("companions: undo of a first start takes down, of a change brings the old back") {
  Network net = Parse(kDefaultXml);
  Desired want = Want(net, "libvirt");
  Plan p = PlanStart(want, nullptr, Observed{}, false);
  REQUIRE(p.Has(Object::kFirewalldZone));
  Undoing first{net, want, p};
  CHECK(DnsmasqCompanion().Undo(first) == DnsmasqStop(net));
  CHECK(NftablesCompanion().Undo(first) == FirewallDown(net));
  CHECK_FALSE(FirewalldCompanion().Undo(first).empty());  // the binding it made

  NetworkStatus old_status;
  old_status.nft_table = "vnetctl_default";
  old_status.dnsmasq = true;
  old_status.firewalld_zone = "libvirt";
  Undoing change{net, want, p, &net, &old_status};
  CHECK(NftablesCompanion().Undo(change) == FirewallUp(net, Placement::kRuntime));
  Commands again = DnsmasqStop(net);
  for (const auto& c : DnsmasqStart(net, Placement::kRuntime)) again.push_back(c);
  CHECK(DnsmasqCompanion().Undo(change) == again);
  CHECK(FirewalldCompanion().Undo(change).empty());  // the zone it had stays
}

TEST_CASE("companions: a verified start's record, and a rebuilt one without verification") {
  Desired want = Want(Parse(kDefaultXml), "libvirt");
  Observed seen;
  seen.nft_listing = "table inet vnetctl_default {\n}\n";
  seen.dnsmasq = live::Process{42, "/usr/sbin/dnsmasq", {"dnsmasq"}};
  seen.dnsmasq_ports = {53, 67};
  NetworkStatus s;
  for (const Companion* c : Companions()) c->Record(want, &seen, s);
  CHECK(s.nft_table == "vnetctl_default");
  CHECK(s.nft_listing == *seen.nft_listing);
  CHECK(s.dnsmasq);
  CHECK(s.firewalld_zone == "libvirt");
  CHECK(s.verified == std::vector<std::string>{"firewalld-zone virbr0 in libvirt",
                                               "nft-table inet vnetctl_default", "dnsmasq pid 42",
                                               "udp port 53", "udp port 67"});
  NetworkStatus rebuilt;
  for (const Companion* c : Companions()) c->Record(want, nullptr, rebuilt);
  CHECK(rebuilt.nft_table == "vnetctl_default");
  CHECK(rebuilt.firewalld_zone == "libvirt");
  CHECK(rebuilt.verified.empty());
}

}  // namespace companion_test
}  // namespace vnet::plan
