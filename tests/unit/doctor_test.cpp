// core/doctor: each check finds its trap from facts as the host reports them
// (the ruleset below is iptables-nft's after Docker, the listeners are what
// /proc/net showed for a system dnsmasq), says nothing on a clean host, and
// only errors and warnings count as problems.
#include "core/doctor/doctor.h"

#include <doctest/doctest.h>

#include "core/live/firewall.h"
#include "core/xml/parse.h"
#include "tests/unit/firewall_test_util.h"

namespace vnet {
namespace {

using doctor::Finding;
using doctor::HostFacts;
using doctor::Severity;
using doctor::Subject;

Network Net(const std::string& inner) {
  auto net = xml::ParseNetwork("<network><name>n</name>" + inner + "</network>", "n.xml");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  return *net;
}

constexpr const char* kNat =
    "<forward mode='nat'/><bridge name='virbr0' stp='off'/>"
    "<ip address='192.168.122.1' prefix='24'><dhcp><range start='192.168.122.2' "
    "end='192.168.122.254'/></dhcp></ip>";

Subject Active(const std::string& inner = kNat) { return Subject{Net(inner), true, {}}; }

// A host on which nothing is wrong for kNat.
HostFacts Clean() {
  HostFacts f;
  f.sysctls = {{"net/ipv4/ip_forward", "1"},
               {"net/ipv4/conf/all/rp_filter", "2"},
               {"net/bridge/bridge-nf-call-iptables", "0"}};
  live::Route def;
  def.dest = *IpAddr::Parse("0.0.0.0");
  def.dev = "eth0";
  live::Route own;
  own.dest = *IpAddr::Parse("192.168.122.0");
  own.prefix = 24;
  own.dev = "virbr0";
  live::Route other;
  other.dest = *IpAddr::Parse("10.0.0.0");
  other.prefix = 8;
  other.dev = "eth0";
  f.kernel.routes = {def, own, other};
  // systemd-resolved's stub, and vnetctl's dnsmasq (its address; DHCP bound to the bridge)
  f.listeners = {{"udp", *IpAddr::Parse("127.0.0.53"), 53, "", {301}, {"systemd-resolve"}},
                 {"udp", *IpAddr::Parse("192.168.122.1"), 53, "", {400}, {"dnsmasq"}},
                 {"udp", *IpAddr::Parse("0.0.0.0"), 67, "virbr0", {400}, {"dnsmasq"}}};
  return f;
}

std::vector<Finding> Of(const std::vector<Finding>& all, const std::string& check) {
  std::vector<Finding> out;
  for (const Finding& f : all) {
    if (f.check == check) out.push_back(f);
  }
  return out;
}

TEST_CASE("doctor: a clean host has no findings, and says so") {
  std::vector<Finding> all = doctor::Examine({Active()}, Clean());
  CHECK(all.empty());
  CHECK(doctor::FormatFindings(all, false) == "No problems found\n");
  CHECK(doctor::FindingsToJson(all)["problems"] == 0);
}

TEST_CASE("doctor: the plan's passages and blocked chains are firewall findings") {
  Subject s = Active();
  s.plan.steps.push_back({plan::Action::kCreate, plan::Object::kPassage, "ip filter FORWARD",
                          "policy drop, and no rule of it accepts virbr0"});
  s.plan.blocked.push_back({"inet firewalld filter_FORWARD", "ends in a reject", std::nullopt});
  std::vector<Finding> fw = Of(doctor::Examine({s}, Clean()), "firewall");
  REQUIRE(fw.size() == 2);
  CHECK(fw[0].severity == Severity::kError);
  CHECK(fw[0].summary == "ip filter FORWARD drops its guests' traffic");
  CHECK(fw[0].evidence == "policy drop, and no rule of it accepts virbr0");
  CHECK(fw[0].fix.starts_with("vnetctl apply n: vnetctl's passage"));
  CHECK(fw[1].fix.find("firewall-cmd --permanent --zone=libvirt --add-interface=virbr0") !=
        std::string::npos);

  SUBCASE("iptables-legacy's INPUT drops DHCP and DNS, as iptables-nft's does") {
    s.plan.steps[0].name = "ip filter INPUT (iptables-legacy)";
    fw = Of(doctor::Examine({s}, Clean()), "firewall");
    CHECK(fw[0].summary ==
          "ip filter INPUT (iptables-legacy) drops its guests' DHCP and DNS to the host");
  }
  SUBCASE("an inactive network: a warning, fixed by starting it") {
    s.active = false;
    fw = Of(doctor::Examine({s}, Clean()), "firewall");
    CHECK(fw[0].severity == Severity::kWarning);
    CHECK(fw[0].summary.ends_with("(once started)"));
    CHECK(fw[0].fix.starts_with("vnetctl start n"));
  }
  SUBCASE("<bridge zone> names the zone the fix uses") {
    std::string zoned = kNat;
    zoned.insert(zoned.find("stp"), "zone='lab' ");
    s.net = Net(zoned);
    fw = Of(doctor::Examine({s}, Clean()), "firewall");
    CHECK(fw[1].fix.find("--zone=lab --add-interface=virbr0") != std::string::npos);
  }
}

TEST_CASE("doctor: a server on every address takes DHCP's and DNS's ports") {
  HostFacts f = Clean();
  for (const char* proto : {"udp", "tcp"}) {
    f.listeners.push_back({proto, *IpAddr::Parse("0.0.0.0"), 53, "", {77}, {"dnsmasq"}});
  }
  f.listeners.push_back({"udp6", *IpAddr::Parse("::"), 547, "", {}, {}});
  std::vector<Finding> found = Of(doctor::Examine({Active()}, f), "listener");
  REQUIRE(found.size() == 2);
  CHECK(found[0].severity == Severity::kError);
  CHECK(found[0].summary == "dnsmasq (pid 77) serves DNS on every address (port 53)");
  CHECK(found[0].evidence.starts_with("udp 0.0.0.0:53, tcp 0.0.0.0:53: "));
  CHECK(found[1].summary == "an unknown process serves DHCP on every address (port 547)");
  CHECK(found[1].evidence.starts_with("udp6 [::]:547"));
  SUBCASE("a network's own dnsmasq, whose DHCP socket may be on every address, is not one") {
    f.network_dnsmasqs = {77};
    found = Of(doctor::Examine({Active()}, f), "listener");
    REQUIRE(found.size() == 1);
    CHECK(found[0].summary.starts_with("an unknown process"));
  }
  SUBCASE("with no network that needs dnsmasq, a warning") {
    found = Of(doctor::Examine({}, f), "listener");
    CHECK(found[0].severity == Severity::kWarning);
  }
}

TEST_CASE("doctor: forwarding off breaks an active NAT or routed network only") {
  HostFacts f = Clean();
  f.sysctls["net/ipv4/ip_forward"] = "0";
  std::vector<Finding> found = Of(doctor::Examine({Active()}, f), "forwarding");
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence == "net.ipv4.ip_forward = 0");
  CHECK(Of(doctor::Examine({Subject{Net(kNat), false, {}}}, f), "forwarding").empty());
  CHECK(Of(doctor::Examine({Active("<bridge name='virbr0' stp='off'/><ip address='172.30.0.1' "
                                   "prefix='24'/>")},
                           f),
           "forwarding")
            .empty());
}

TEST_CASE("doctor: strict rp_filter is a warning for a routed network") {
  HostFacts f = Clean();
  f.sysctls["net/ipv4/conf/virbr0/rp_filter"] = "1";
  const std::string routed =
      "<forward mode='route'/><bridge name='virbr0' stp='off'/>"
      "<ip address='172.30.0.1' prefix='24'/>";
  std::vector<Finding> found = Of(doctor::Examine({Active(routed)}, f), "rp-filter");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::kWarning);
  CHECK(Of(doctor::Examine({Active()}, f), "rp-filter").empty());  // NAT: conntrack
}

TEST_CASE("doctor: STP's clamped forward delay is a note, not a problem") {
  Subject s =
      Active("<bridge name='virbr0' stp='on' delay='0'/><ip address='172.30.0.1' prefix='24'/>");
  HostFacts f = Clean();
  live::Link br;
  br.name = "virbr0";
  br.forward_delay_cs = 200;
  f.kernel.links = {br};
  std::vector<Finding> all = doctor::Examine({s}, f);
  REQUIRE(Of(all, "stp").size() == 1);
  CHECK(Of(all, "stp")[0].severity == Severity::kNote);
  CHECK(Of(all, "stp")[0].evidence.ends_with("forward delay at 2.00 s"));
  CHECK(doctor::Problems(all) == 0);
  CHECK(doctor::FormatFindings(all, false).ends_with("No problems found (1 note)\n"));
}

TEST_CASE("doctor: a host route into the subnet, not on the network's bridge") {
  HostFacts f = Clean();
  live::Route r;
  r.dest = *IpAddr::Parse("192.168.122.0");
  r.prefix = 25;
  r.dev = "eth1";
  r.protocol = "static";
  f.kernel.routes.push_back(r);
  std::vector<Finding> found = Of(doctor::Examine({Active()}, f), "route");
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence == "192.168.122.0/25 dev eth1 proto static");
  CHECK(found[0].summary == "the subnet 192.168.122.0/24 overlaps a route of the host's");
}

TEST_CASE("doctor: libvirt's network on the same bridge or subnet") {
  HostFacts f = Clean();
  f.libvirt.push_back(
      {"default", "/etc/libvirt/qemu/networks/default.xml", "virbr0", {}, true, false});
  f.libvirt.push_back({"other",
                       "/etc/libvirt/qemu/networks/other.xml",
                       "virbr5",
                       {{*IpAddr::Parse("192.168.0.0"), 16}},
                       false,
                       false});
  f.libvirt.push_back({"host-bridge", "/etc/libvirt/qemu/networks/hb.xml", "", {}, true, true});
  std::vector<Finding> found = Of(doctor::Examine({Active()}, f), "libvirt");
  REQUIRE(found.size() == 2);
  CHECK(found[0].severity == Severity::kError);
  CHECK(found[0].summary == "libvirt's network 'default' uses the bridge virbr0 too");
  CHECK(found[0].evidence.ends_with("(autostarted)"));
  CHECK(found[0].fix.starts_with("vnetctl import --takeover default"));
  CHECK(found[1].severity == Severity::kNote);
  CHECK(found[1].summary == "libvirt's network 'other' uses the subnet 192.168.0.0/16 too");
}

TEST_CASE("doctor: br_netfilter is a warning where FORWARD drops the bridge's traffic") {
  HostFacts f = Clean();
  f.sysctls["net/bridge/bridge-nf-call-iptables"] = "1";
  f.chains = {testing::IptablesForwardDrop()};
  std::vector<Finding> found = Of(doctor::Examine({Active()}, f), "br-netfilter");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::kWarning);
  CHECK(
      found[0].evidence ==
      "net.bridge.bridge-nf-call-iptables = 1; ip filter FORWARD drops, and does not pass virbr0");
  f.chains[0].passed_ifnames = {"virbr0"};  // vnetctl's passage
  found = Of(doctor::Examine({Active()}, f), "br-netfilter");
  CHECK(found[0].severity == Severity::kNote);
}

TEST_CASE("doctor: the addresses other managers' connection files configure") {
  auto nm = doctor::ParseNmKeyfile(
      "[connection]\nid=lab\ninterface-name=eth9\n\n[ipv4]\nmethod=manual\n"
      "address1=192.168.122.50/24,192.168.122.254\naddresses2=10.9.0.1/16\n"
      "[ipv6]\naddress1=fd00::5/64\n# address3=1.2.3.4/8\n",
      "/etc/NetworkManager/system-connections/lab.nmconnection");
  REQUIRE(nm.size() == 3);
  CHECK(nm[0].iface == "eth9");
  CHECK(nm[0].addr.ToString() == "192.168.122.50");
  CHECK(nm[0].prefix == 24);
  CHECK(nm[1].prefix == 16);
  CHECK(nm[2].addr.ToString() == "fd00::5");
  auto nd = doctor::ParseNetworkdNetwork(
      "[Match]\nName=eth9 eth10\n[Network]\nAddress=192.168.122.7/25\nDHCP=no\n"
      "[Address]\nAddress=10.1.2.3/8\n[Route]\nGateway=192.168.122.1\n",
      "/etc/systemd/network/20-lab.network");
  REQUIRE(nd.size() == 2);
  CHECK(nd[0].iface == "eth9");
  CHECK(nd[0].prefix == 25);
  CHECK(nd[1].addr.ToString() == "10.1.2.3");
  auto ifu = doctor::ParseIfupdown(
      "auto eth9\niface eth9 inet static\n  address 192.168.122.9\n  netmask 255.255.255.128\n"
      "iface eth9 inet6 static\n  address fd00::9/64\niface eth0 inet dhcp\n"
      "iface br1 inet static\n  address bogus\n",
      "/etc/network/interfaces");
  REQUIRE(ifu.size() == 2);
  CHECK(ifu[0].iface == "eth9");
  CHECK(ifu[0].prefix == 25);
  CHECK(ifu[1].addr.ToString() == "fd00::9");
  CHECK(doctor::ParseNetworkdNetwork("[Network]\nAddress=1.2.3.4/99\n", "f").empty());
}

TEST_CASE("doctor: another manager's connection inside the subnet, but not the network's own") {
  HostFacts f = Clean();
  f.connections = {
      {"/etc/systemd/network/20-lab.network", "eth9", *IpAddr::Parse("192.168.122.50"), 24},
      // netplan's generated file for the network's own bridge and address
      {"/run/systemd/network/10-netplan-virbr0.network", "virbr0", *IpAddr::Parse("192.168.122.1"),
       24},
      {"/etc/network/interfaces", "eth0", *IpAddr::Parse("10.0.0.2"), 8}};
  std::vector<Finding> found = Of(doctor::Examine({Active()}, f), "connection");
  REQUIRE(found.size() == 1);
  CHECK(found[0].summary ==
        "another manager's connection puts 192.168.122.50/24 on eth9 inside the subnet "
        "192.168.122.0/24");
  CHECK(found[0].evidence == "/etc/systemd/network/20-lab.network");
}

TEST_CASE("doctor: what a NetworkManager keyfile claims") {
  auto c = doctor::ParseNmConnection(
      "[connection]\nid=lab bridge\ntype=bridge\ninterface-name=virbr0\n[ipv4]\nmethod=disabled\n",
      "/etc/NetworkManager/system-connections/lab.nmconnection");
  REQUIRE(c);
  CHECK(c->id == "lab bridge");
  CHECK(c->iface == "virbr0");
  CHECK(c->controller.empty());
  c = doctor::ParseNmConnection("[connection]\ntype=ethernet\nmaster=virbr0\nslave-type=bridge\n",
                                "/run/NetworkManager/system-connections/p.nmconnection");
  REQUIRE(c);
  CHECK(c->id == "p.nmconnection");  // no id: the file's name, as nmcli shows it
  CHECK(c->controller == "virbr0");
  CHECK(!doctor::ParseNmConnection("controller=virbr0\n", "f"));  // outside [connection]
  CHECK(!doctor::ParseNmConnection("[ipv4]\nmethod=auto\n", "f"));
}

TEST_CASE("doctor: NetworkManager's connection for the bridge, or a port of it") {
  HostFacts f = Clean();
  f.nm_connections = {
      {"/etc/NetworkManager/system-connections/lab.nmconnection", "lab", "virbr0", ""},
      {"/etc/NetworkManager/system-connections/p.nmconnection", "port", "eth3", "virbr0"},
      {"/etc/NetworkManager/system-connections/o.nmconnection", "other", "br1", ""}};
  std::vector<Finding> found = Of(doctor::Examine({Active()}, f), "networkmanager");
  REQUIRE(found.size() == 2);
  CHECK(found[0].severity == Severity::kError);
  CHECK(found[0].summary.starts_with("NetworkManager's connection 'lab' is for the bridge virbr0"));
  CHECK(found[0].evidence == "/etc/NetworkManager/system-connections/lab.nmconnection");
  CHECK(found[0].fix.starts_with("nmcli connection delete 'lab'"));
  CHECK(found[1].severity == Severity::kWarning);
  CHECK(found[1].summary ==
        "NetworkManager's connection 'port' makes eth3 a port of virbr0 "
        "whenever it is up");
  // A bridge-mode network's bridge is the host's: its manager may well be NetworkManager.
  Subject host_bridge = Active("<forward mode='bridge'/><bridge name='virbr0'/>");
  CHECK(Of(doctor::Examine({host_bridge}, f), "networkmanager").empty());
}

TEST_CASE("doctor: offloaded DHCP checksums are a note on an active DHCP network's ports") {
  HostFacts f = Clean();
  live::Link port, quiet, elsewhere;
  port.name = "vnet0";
  port.master = "virbr0";
  quiet.name = "vnet1";
  quiet.master = "virbr0";
  elsewhere.name = "vnet2";
  elsewhere.master = "br1";
  f.kernel.links = {port, quiet, elsewhere};
  f.tx_checksum = {{"vnet0", true}, {"vnet1", false}, {"vnet2", true}};
  std::vector<Finding> all = doctor::Examine({Active()}, f);
  REQUIRE(Of(all, "checksum").size() == 1);
  CHECK(Of(all, "checksum")[0].severity == Severity::kNote);
  CHECK(Of(all, "checksum")[0].evidence == "tx-checksumming on: vnet0");
  CHECK(doctor::Problems(all) == 0);
  Subject inactive = Active();
  inactive.active = false;
  CHECK(Of(doctor::Examine({inactive}, f), "checksum").empty());
  Subject no_dhcp = Active(
      "<forward mode='nat'/><bridge name='virbr0' stp='off'/>"
      "<ip address='192.168.122.1' prefix='24'/>");
  CHECK(Of(doctor::Examine({no_dhcp}, f), "checksum").empty());
}

// firewalld 1.3's INPUT chains (nft -j list ruleset, cut to filter_INPUT*)
// after firewall-cmd --zone=trusted --add-interface=virbr0.
constexpr const char* kFirewalldTrusted =
    R"({"nftables":[{"chain":{"family":"inet","table":"firewalld","name":"filter_INPUT","type":)"
    R"("filter","hook":"input","prio":10,"policy":"accept"}},{"chain":{"family":"inet","table":)"
    R"("firewalld","name":"filter_INPUT_POLICIES_pre"}},{"chain":{"family":"inet","table":"fire)"
    R"(walld","name":"filter_INPUT_ZONES"}},{"chain":{"family":"inet","table":"firewalld","name)"
    R"(":"filter_INPUT_POLICIES_post"}},{"rule":{"family":"inet","table":"firewalld","chain":"f)"
    R"(ilter_INPUT","expr":[{"match":{"op":"==","left":{"ct":{"key":"state"}},"right":{"set":[")"
    R"(established","related"]}}},{"accept":null}]}},{"rule":{"family":"inet","table":"firewall)"
    R"(d","chain":"filter_INPUT","expr":[{"match":{"op":"in","left":{"ct":{"key":"status"}},"ri)"
    R"(ght":"dnat"}},{"accept":null}]}},{"rule":{"family":"inet","table":"firewalld","chain":"f)"
    R"(ilter_INPUT","expr":[{"match":{"op":"==","left":{"meta":{"key":"iifname"}},"right":"lo"})"
    R"(},{"accept":null}]}},{"rule":{"family":"inet","table":"firewalld","chain":"filter_INPUT")"
    R"(,"expr":[{"match":{"op":"in","left":{"ct":{"key":"state"}},"right":"invalid"}},{"drop":n)"
    R"(ull}]}},{"rule":{"family":"inet","table":"firewalld","chain":"filter_INPUT","expr":[{"ju)"
    R"(mp":{"target":"filter_INPUT_ZONES"}}]}},{"rule":{"family":"inet","table":"firewalld","ch)"
    R"(ain":"filter_INPUT","expr":[{"reject":{"type":"icmpx","expr":"admin-prohibited"}}]}},{"r)"
    R"(ule":{"family":"inet","table":"firewalld","chain":"filter_INPUT_POLICIES_pre","expr":[{")"
    R"(jump":{"target":"filter_IN_policy_allow-host-ipv6"}}]}},{"rule":{"family":"inet","table")"
    R"(:"firewalld","chain":"filter_INPUT_ZONES","expr":[{"match":{"op":"==","left":{"meta":{"k)"
    R"(ey":"iifname"}},"right":"virbr0"}},{"goto":{"target":"filter_IN_trusted"}}]}},{"rule":{")"
    R"(family":"inet","table":"firewalld","chain":"filter_INPUT_ZONES","expr":[{"goto":{"target)"
    R"(":"filter_IN_public"}}]}}]})";

std::vector<live::FirewallChain> Chains(std::string json) {
  auto chains = live::ParseFirewallChains(json);
  REQUIRE_MESSAGE(chains.ok(), chains.error().Format());
  return *chains;
}

TEST_CASE("doctor: the bridge's firewalld zone, bound or the default one") {
  HostFacts f = Clean();
  f.chains = Chains(kFirewalldTrusted);
  CHECK(Of(doctor::Examine({Active()}, f), "firewalld-zone").empty());

  std::string other = kFirewalldTrusted;
  other.replace(other.find("virbr0"), 6, "virbr9");  // virbr0 falls to the default zone
  f.chains = Chains(other);
  std::vector<Finding> found = Of(doctor::Examine({Active()}, f), "firewalld-zone");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::kWarning);
  CHECK(
      found[0].summary.starts_with("firewalld has virbr0 in the zone 'public' (its default zone)"));
  CHECK(found[0].evidence ==
        "inet firewalld filter_INPUT_ZONES: no rule for virbr0, so the default zone's goto "
        "filter_IN_public");
  CHECK(
      found[0].fix.starts_with("firewall-cmd --permanent --zone=trusted --change-interface=virbr0 "
                               "&& firewall-cmd --reload"));

  f.chains = Chains(kFirewalldTrusted);
  Subject work = Active(
      "<forward mode='nat'/><bridge name='virbr0' stp='off' zone='work'/>"
      "<ip address='192.168.122.1' prefix='24'/>");
  found = Of(doctor::Examine({work}, f), "firewalld-zone");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::kError);
  CHECK(found[0].summary ==
        "firewalld has virbr0 in the zone 'trusted', not in 'work' that <bridge zone> names");
  CHECK(found[0].evidence ==
        "inet firewalld filter_INPUT_ZONES: iifname \"virbr0\" goto filter_IN_trusted");

  f.chains.clear();  // no firewalld
  CHECK(Of(doctor::Examine({work}, f), "firewalld-zone").empty());
}

}  // namespace
}  // namespace vnet
