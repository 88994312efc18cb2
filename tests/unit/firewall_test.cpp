// core/live/firewall.cpp and core/plan/firewall.cpp: the host's own base
// chains read from nft's JSON, and which of them drop a network's traffic.
// The ruleset below is what `nft -j list ruleset` printed after iptables-nft
// (Docker's pattern: FORWARD policy DROP, a DOCKER-USER chain that accepts
// virbr9, INPUT ending in REJECT) and a firewalld-like inet table whose
// forward chain ends in a reject after accepting virbr7 and lab*.
#include "core/plan/firewall.h"

#include <doctest/doctest.h>

#include "backends/common/passage.h"
#include "backends/registry.h"
#include "core/live/firewall.h"
#include "core/plan/plan.h"
#include "core/xml/parse.h"

namespace vnet {
namespace {

constexpr const char* kRuleset = R"json({"nftables": [
    {"metainfo":{"version":"1.0.6","release_name":"Lester Gooch #5","json_schema_version":1}},
    {"table":{"family":"ip","name":"filter","handle":1}},
    {"chain":{"family":"ip","table":"filter","name":"FORWARD","handle":1,"type":"filter","hook":"forward","prio":0,"policy":"drop"}},
    {"chain":{"family":"ip","table":"filter","name":"DOCKER-USER","handle":2}},
    {"chain":{"family":"ip","table":"filter","name":"INPUT","handle":6,"type":"filter","hook":"input","prio":0,"policy":"accept"}},
    {"rule":{"family":"ip","table":"filter","chain":"FORWARD","handle":3,"expr":[{"counter":{"packets":0,"bytes":0}},{"jump":{"target":"DOCKER-USER"}}]}},
    {"rule":{"family":"ip","table":"filter","chain":"FORWARD","handle":5,"expr":[{"match":{"op":"==","left":{"meta":{"key":"oifname"}},"right":"docker0"}},{"xt":{"type":"match","name":"conntrack"}},{"counter":{"packets":0,"bytes":0}},{"accept":null}]}},
    {"rule":{"family":"ip","table":"filter","chain":"DOCKER-USER","handle":4,"expr":[{"match":{"op":"==","left":{"meta":{"key":"iifname"}},"right":"virbr9"}},{"counter":{"packets":0,"bytes":0}},{"accept":null}]}},
    {"rule":{"family":"ip","table":"filter","chain":"INPUT","handle":7,"expr":[{"counter":{"packets":0,"bytes":0}},{"xt":{"type":"target","name":"REJECT"}}]}},
    {"table":{"family":"inet","name":"firewalld","handle":2}},
    {"chain":{"family":"inet","table":"firewalld","name":"filter_FORWARD","handle":1,"type":"filter","hook":"forward","prio":10,"policy":"accept"}},
    {"rule":{"family":"inet","table":"firewalld","chain":"filter_FORWARD","handle":2,"expr":[{"match":{"op":"in","left":{"ct":{"key":"state"}},"right":"established"}},{"accept":null}]}},
    {"rule":{"family":"inet","table":"firewalld","chain":"filter_FORWARD","handle":4,"expr":[{"match":{"op":"==","left":{"meta":{"key":"oifname"}},"right":{"set":["lab*","virbr7"]}}},{"accept":null}]}},
    {"rule":{"family":"inet","table":"firewalld","chain":"filter_FORWARD","handle":5,"expr":[{"reject":{"type":"icmpx","expr":"admin-prohibited"}}]}}
]})json";

std::vector<live::FirewallChain> Chains() {
  auto chains = live::ParseFirewallChains(kRuleset);
  REQUIRE_MESSAGE(chains.ok(), chains.error().Format());
  return std::move(chains).value();
}

const live::FirewallChain& Find(const std::vector<live::FirewallChain>& cs, const char* ref) {
  for (const live::FirewallChain& c : cs) {
    if (c.Ref() == ref) return c;
  }
  FAIL("no chain " << ref);
  return cs.front();
}

plan::Desired Want(const char* bridge, const char* forward, const char* ip) {
  std::string xml = std::string("<network><name>n</name>") + forward + "<bridge name='" + bridge +
                    "'/>" + ip + "</network>";
  auto net = xml::ParseNetwork(xml, "n.xml");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  Caps caps;
  caps.placement = Placement::kRuntime;
  caps.manager = Version::Parse("252");
  auto d = plan::Desire(*net, *FindBackend("networkd"), caps);
  REQUIRE_MESSAGE(d.ok(), d.error().Format());
  return std::move(d).value();
}

constexpr const char* kNat = "<forward mode='nat'/>";
constexpr const char* kV4Dhcp =
    "<ip address='10.9.0.1' prefix='24'><dhcp><range start='10.9.0.2' end='10.9.0.9'/></dhcp></ip>";

TEST_CASE("firewall: base chains, their policy, terminal drops and what they let through") {
  std::vector<live::FirewallChain> cs = Chains();
  CHECK(cs.size() == 3);  // DOCKER-USER is no base chain
  const live::FirewallChain& fwd = Find(cs, "ip filter FORWARD");
  CHECK(fwd.hook == "forward");
  CHECK(fwd.policy_drop);
  CHECK_FALSE(fwd.ends_in_drop);
  CHECK(fwd.Passes("virbr9"));   // through the jump to DOCKER-USER
  CHECK(fwd.Passes("docker0"));  // its own conditional accept
  CHECK_FALSE(fwd.Passes("virbr0"));
  const live::FirewallChain& in = Find(cs, "ip filter INPUT");
  CHECK_FALSE(in.policy_drop);
  CHECK(in.ends_in_drop);  // iptables-nft's REJECT target, unconditional
  const live::FirewallChain& fz = Find(cs, "inet firewalld filter_FORWARD");
  CHECK(fz.ends_in_drop);
  CHECK(fz.Passes("virbr7"));
  CHECK(fz.Passes("lab12"));  // "lab*"
  CHECK_FALSE(fz.Passes("la"));
}

TEST_CASE("firewall: an empty ruleset has no chains; what is not nft's JSON is an error") {
  auto none = live::ParseFirewallChains(
      R"({"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}}]})");
  REQUIRE(none.ok());
  CHECK(none->empty());
  CHECK(live::ParseFirewallChains("")->empty());
  CHECK_FALSE(live::ParseFirewallChains("table ip filter {").ok());
  CHECK_FALSE(live::ParseFirewallChains(R"({"rules": []})").ok());
}

TEST_CASE("firewall: fields of unexpected types are read as absent, never thrown on") {
  auto odd = live::ParseFirewallChains(
      R"({"nftables": [7, "x", {"chain": {"family": 1, "table": "t", "name": "c",)"
      R"( "hook": "forward", "policy": ["drop"]}}, {"chain": {"hook": 3}},)"
      R"( {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": 5},)"
      R"( {"match": {"left": {"meta": "iifname"}, "right": {"set": 4}}}, {"jump": null},)"
      R"( {"xt": "x"}, {}, 9, {"drop": null}]}}, {"rule": {"expr": {"a": 1}}}]})");
  REQUIRE(odd.ok());
  REQUIRE(odd->size() == 1);
  CHECK(odd->front().family.empty());  // 1 is no family name
  CHECK_FALSE(odd->front().policy_drop);
  CHECK(odd->front().passed_ifnames.empty());
}

TEST_CASE("firewall: a NAT network behind Docker's FORWARD drop and a rejecting INPUT") {
  std::vector<plan::Blocked> b = plan::PlanFirewall(Want("virbr0", kNat, kV4Dhcp), Chains());
  REQUIRE(b.size() == 3);
  CHECK(b[0].chain == "ip filter FORWARD");
  CHECK(b[0].why ==
        "policy drop, and no rule of it accepts virbr0: the guests' forwarded IPv4 traffic is "
        "dropped");
  CHECK(b[1].chain == "ip filter INPUT");
  CHECK(b[1].why.find("the guests' IPv4 DHCP and DNS to the host is dropped") != std::string::npos);
  CHECK(b[2].chain == "inet firewalld filter_FORWARD");
  CHECK(b[2].why.starts_with("a rule drops what no rule accepts"));
  // iptables' own chains get vnetctl's passage; firewalld's table is not vnetctl's to change.
  CHECK(b[0].passage == Passage{false, true, "virbr0", false});
  CHECK(b[1].passage == Passage{false, false, "virbr0", false});
  CHECK_FALSE(b[2].passage);
}

TEST_CASE("firewall: the plan repairs iptables' chains with passages and reports the rest") {
  plan::Observed have;
  have.firewall = Chains();
  plan::Plan p = plan::PlanStart(Want("virbr0", kNat, kV4Dhcp), nullptr, have, false);
  REQUIRE(p.passages.size() == 2);
  CHECK(p.passages[0].Chain() == "VNETCTL_FWD_virbr0");
  CHECK(p.passages[1].Chain() == "VNETCTL_INP_virbr0");
  CHECK(p.HasStep(plan::Object::kPassage, plan::Action::kCreate));
  REQUIRE(p.blocked.size() == 1);
  CHECK(p.blocked[0].chain == "inet firewalld filter_FORWARD");
  std::string text = plan::FormatPlan(p, false);
  CHECK(text.find("  + create passage ip filter FORWARD: policy drop, and no rule of it accepts "
                  "virbr0: the guests' forwarded IPv4 traffic is dropped (VNETCTL_FWD_virbr0 lets "
                  "it through)\n") != std::string::npos);
  CHECK(text.find("  ! blocked by inet firewalld filter_FORWARD") != std::string::npos);
}

// What iptables-nft leaves after PassageUp: the jump first in FORWARD, the
// chain accepting the bridge both ways.
constexpr const char* kWithPassage = R"json({"nftables": [
    {"chain":{"family":"ip","table":"filter","name":"FORWARD","hook":"forward","policy":"drop"}},
    {"chain":{"family":"ip","table":"filter","name":"VNETCTL_FWD_virbr0"}},
    {"rule":{"family":"ip","table":"filter","chain":"FORWARD","expr":[{"counter":null},{"jump":{"target":"VNETCTL_FWD_virbr0"}}]}},
    {"rule":{"family":"ip","table":"filter","chain":"VNETCTL_FWD_virbr0","expr":[{"match":{"op":"==","left":{"meta":{"key":"iifname"}},"right":"virbr0"}},{"counter":null},{"accept":null}]}},
    {"rule":{"family":"ip","table":"filter","chain":"VNETCTL_FWD_virbr0","expr":[{"match":{"op":"==","left":{"meta":{"key":"oifname"}},"right":"virbr0"}},{"counter":null},{"accept":null}]}}
]})json";

TEST_CASE("firewall: a passage in place lets the network through and is what the record keeps") {
  auto chains = live::ParseFirewallChains(kWithPassage);
  REQUIRE(chains.ok());
  CHECK(plan::PlanFirewall(Want("virbr0", kNat, kV4Dhcp), *chains).empty());
  CHECK(plan::PassagesIn("virbr0", *chains) == std::vector<std::string>{"ip filter FORWARD"});
  CHECK(plan::PassagesIn("virbr1", *chains).empty());
  // destroy removes it, and its verification sees whether the jump is gone
  plan::NetworkStatus st;
  st.name = "n";
  st.bridge = "virbr0";
  st.passages = {"ip filter FORWARD"};
  plan::Observed have;
  have.firewall = *chains;
  plan::Plan d = plan::PlanDestroy(st, have);
  CHECK(d.HasStep(plan::Object::kPassage, plan::Action::kDelete));
  have.firewall.clear();
  CHECK(plan::PlanDestroy(st, have).Empty());
  // the record keeps it, and records without it read as before
  auto back = plan::StatusFromJson(plan::StatusToJson(st), "r");
  REQUIRE(back.ok());
  CHECK(back->passages == st.passages);
  st.passages.clear();
  CHECK(plan::StatusToJson(st).find("passages") == std::string::npos);
}

TEST_CASE("passage: iptables-nft commands, a chain of its own and one jump first") {
  Passage fwd{false, true, "virbr0"};
  CHECK(fwd.Ref() == "ip filter FORWARD");
  CHECK(PassageFromRef("ip filter FORWARD", "virbr0") == fwd);
  CHECK(PassageFromRef("ip6 filter INPUT", "b") == Passage{true, false, "b", false});
  CHECK_FALSE(PassageFromRef("inet filter FORWARD", "b"));
  using V = std::vector<std::string>;
  Commands up = PassageUp(fwd);
  REQUIRE(up.size() == 6);
  CHECK(up[0].argv == V{"/usr/sbin/iptables-nft", "-w", "-N", "VNETCTL_FWD_virbr0"});
  CHECK(up[0].may_fail);
  CHECK(up[2].argv == V{"/usr/sbin/iptables-nft", "-w", "-A", "VNETCTL_FWD_virbr0", "-i", "virbr0",
                        "-j", "ACCEPT"});
  CHECK(up[4].argv ==
        V{"/usr/sbin/iptables-nft", "-w", "-D", "FORWARD", "-j", "VNETCTL_FWD_virbr0"});
  CHECK(up[5].argv ==
        V{"/usr/sbin/iptables-nft", "-w", "-I", "FORWARD", "1", "-j", "VNETCTL_FWD_virbr0"});
  CHECK_FALSE(up[5].may_fail);
  Commands in6 = PassageUp({true, false, "virbr0"});
  REQUIRE(in6.size() == 8);  // -N -F, DHCPv6, DNS udp and tcp, ICMPv6, -D -I
  CHECK(in6[2].argv == V{"/usr/sbin/ip6tables-nft", "-w", "-A", "VNETCTL_INP_virbr0", "-i",
                         "virbr0", "-p", "udp", "--dport", "547", "-j", "ACCEPT"});
  Commands down = PassageDown(fwd);
  REQUIRE(down.size() == 3);
  CHECK(down[2].argv == V{"/usr/sbin/iptables-nft", "-w", "-X", "VNETCTL_FWD_virbr0"});
  for (const ActivationCommand& c : down) CHECK(c.may_fail);
}

TEST_CASE("firewall: a bridge the firewall's owner accepts is not blocked") {
  std::vector<plan::Blocked> b = plan::PlanFirewall(Want("virbr9", kNat, kV4Dhcp), Chains());
  REQUIRE(b.size() == 2);  // DOCKER-USER accepts virbr9; INPUT and firewalld do not
  CHECK(b[0].chain == "ip filter INPUT");
  CHECK(b[1].chain == "inet firewalld filter_FORWARD");
  b = plan::PlanFirewall(Want("virbr7", kNat, kV4Dhcp), Chains());
  REQUIRE(b.size() == 2);
  CHECK(b[0].chain == "ip filter FORWARD");
  CHECK(b[1].chain == "ip filter INPUT");
}

TEST_CASE("firewall: only the traffic a network has is checked") {
  // Isolated: nothing leaves the bridge, but DHCP and DNS reach the host, and
  // where br_netfilter hands bridged frames to iptables the guests' traffic
  // to each other crosses FORWARD (libvirt accepts it there too).
  std::vector<plan::Blocked> b = plan::PlanFirewall(Want("virbr0", "", kV4Dhcp), Chains());
  REQUIRE(b.size() == 3);
  CHECK(b[0].chain == "ip filter FORWARD");
  CHECK(
      b[0].why.ends_with("the guests' IPv4 traffic to each other (with br_netfilter) is dropped"));
  REQUIRE(b[0].passage);
  CHECK(b[0].passage->Chain() == "VNETCTL_FWD_virbr0");
  CHECK(b[1].chain == "ip filter INPUT");
  CHECK(b[2].chain == "inet firewalld filter_FORWARD");
  // 'open': libvirt leaves forwarding to the host's firewall, and so does vnetctl.
  b = plan::PlanFirewall(Want("virbr0", "<forward mode='open'/>", kV4Dhcp), Chains());
  REQUIRE(b.size() == 1);
  CHECK(b[0].chain == "ip filter INPUT");
  // IPv6 only: the ip family's chains do not see it, inet's do.
  b = plan::PlanFirewall(Want("virbr0", "<forward mode='route'/>",
                              "<ip family='ipv6' address='fd00:9::1' prefix='64'/>"),
                         Chains());
  REQUIRE(b.size() == 1);
  CHECK(b[0].chain == "inet firewalld filter_FORWARD");
  CHECK(b[0].why.ends_with("the guests' forwarded IPv6 traffic is dropped"));
}

TEST_CASE("firewall: vnetctl's own tables never count") {
  live::FirewallChain own{"inet", "vnetctl_other", "forward", "forward", true, true, {}, {}};
  CHECK(plan::PlanFirewall(Want("virbr0", kNat, kV4Dhcp), {own}).empty());
}

}  // namespace
}  // namespace vnet

namespace vnet {
namespace {

std::string RenderedText(const char* backend, const Caps& caps, const std::string& path_end) {
  auto net = xml::ParseNetwork(std::string("<network><name>n</name>") + kNat +
                                   "<bridge name='virbr0'/>" + kV4Dhcp + "</network>",
                               "n.xml");
  REQUIRE(net.ok());
  auto r = FindBackend(backend)->Render(*net, caps);
  REQUIRE_MESSAGE(r.ok(), r.error().Format());
  for (const RenderedFile& f : r->files) {
    if (f.path.ends_with(path_end)) return f.content;
  }
  FAIL("no file " << path_end);
  return "";
}

TEST_CASE("passage: what boots the network makes its passages again, failures ignored") {
  Caps caps;
  caps.placement = Placement::kPersistent;
  caps.manager = Version::Parse("252");
  std::string plain = RenderedText("networkd", caps, "system/vnetctl-n.service");
  CHECK(plain.find("iptables") == std::string::npos);  // none unless the host needs one
  caps.passages = {"ip filter FORWARD"};
  std::string unit = RenderedText("networkd", caps, "system/vnetctl-n.service");
  CHECK(unit.find("ExecStartPre=-/usr/sbin/iptables-nft -w -N VNETCTL_FWD_virbr0\n"
                  "ExecStartPre=-/usr/sbin/iptables-nft -w -F VNETCTL_FWD_virbr0\n") !=
        std::string::npos);
  CHECK(unit.find("ExecStartPre=-/usr/sbin/iptables-nft -w -I FORWARD 1 -j VNETCTL_FWD_virbr0\n") !=
        std::string::npos);
  caps.manager = Version::Parse("0.8.41");
  std::string eni = RenderedText("ifupdown", caps, "vnetctl-n");
  CHECK(
      eni.find("post-up /usr/sbin/iptables-nft -w -I FORWARD 1 -j VNETCTL_FWD_virbr0 || true\n") !=
      std::string::npos);
  // before the network's own table, as vnetctl's start does
  CHECK(eni.find("VNETCTL_FWD_virbr0 || true\n    post-up /usr/sbin/nft -f") != std::string::npos);
}

}  // namespace
}  // namespace vnet

namespace vnet {
namespace {

// What `iptables-legacy-save` printed after the same Docker pattern with
// iptables-legacy (a namespace's x_tables), with ufw-like INPUT rules and a
// nat table that is not the filter table's business.
constexpr const char* kLegacySave = R"(# Generated by iptables-save v1.8.9
*nat
:POSTROUTING ACCEPT [0:0]
:FORWARD DROP [0:0]
-A POSTROUTING -j MASQUERADE
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER-USER - [0:0]
-A INPUT ! -i virbr0 -j ACCEPT
-A INPUT -j REJECT --reject-with icmp-port-unreachable
-A FORWARD -j DOCKER-USER
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A DOCKER-USER -i virbr9 -m comment --comment "lab \"x\" -j ACCEPT" -j ACCEPT
-A DOCKER-USER -i lab+ -j ACCEPT
COMMIT
)";

TEST_CASE("firewall: iptables-legacy-save's built-in chains, in the same shape as nft's") {
  std::vector<live::FirewallChain> cs = live::ParseIptablesSave(kLegacySave, false);
  REQUIRE(cs.size() == 3);  // the nat table's chains are not read
  const live::FirewallChain& fwd = Find(cs, "ip filter FORWARD (iptables-legacy)");
  CHECK(fwd.legacy);
  CHECK(fwd.hook == "forward");
  CHECK(fwd.policy_drop);
  CHECK_FALSE(fwd.ends_in_drop);
  CHECK(fwd.jumps == std::set<std::string>{"DOCKER-USER"});
  // through the jump; a quoted comment is one word; iptables' '+' is a prefix
  CHECK(fwd.Passes("virbr9"));
  CHECK(fwd.Passes("lab3"));
  CHECK(fwd.Passes("docker0"));
  CHECK_FALSE(fwd.Passes("virbr0"));
  const live::FirewallChain& in = Find(cs, "ip filter INPUT (iptables-legacy)");
  CHECK(in.ends_in_drop);
  CHECK_FALSE(in.Passes("virbr0"));  // "! -i virbr0" accepts everything but it
  CHECK(live::ParseIptablesSave(kLegacySave, true)[0].Ref() ==
        "ip6 filter INPUT (iptables-legacy)");
  CHECK(live::ParseIptablesSave("", false).empty());
}

TEST_CASE("firewall: iptables-legacy's drop gets a passage made with iptables-legacy") {
  std::vector<plan::Blocked> b = plan::PlanFirewall(Want("virbr0", kNat, kV4Dhcp),
                                                    live::ParseIptablesSave(kLegacySave, false));
  REQUIRE(b.size() == 2);
  CHECK(b[0].chain == "ip filter INPUT (iptables-legacy)");
  CHECK(b[1].chain == "ip filter FORWARD (iptables-legacy)");
  REQUIRE(b[1].passage);
  CHECK(b[1].passage->legacy);
  CHECK(PassageFromRef("ip filter FORWARD (iptables-legacy)", "virbr0") == *b[1].passage);
  Commands up = PassageUp(*b[1].passage);
  CHECK(up.back().argv == std::vector<std::string>{"/usr/sbin/iptables-legacy", "-w", "-I",
                                                   "FORWARD", "1", "-j", "VNETCTL_FWD_virbr0"});
  CHECK(PassageDown(Passage{true, false, "virbr0", true}).front().argv[0] ==
        "/usr/sbin/ip6tables-legacy");
}

}  // namespace
}  // namespace vnet
