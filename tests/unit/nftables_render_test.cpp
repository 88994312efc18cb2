// RenderNftRuleset on networks built in C++: the exact rules per forward
// mode, the golden file for libvirt's default network, and the refusals.
#include <doctest/doctest.h>

#include "backends/common/nftables.h"
#include "dnsmasq_nftables_support.h"

namespace vnet {
namespace {

using testing::Addr;
using testing::DefaultNetwork;
using testing::MakeIp;
using testing::MakeNetwork;
using testing::WithRange;

std::string Ruleset(const Network& net) {
  auto rules = RenderNftRuleset(net);
  REQUIRE_MESSAGE(rules.ok(), rules.error().Format());
  return *rules;
}

Error RulesetError(const Network& net) {
  auto rules = RenderNftRuleset(net);
  REQUIRE_FALSE(rules.ok());
  return rules.error();
}

// The lines of one chain's body, without its hook line.
std::string Chain(const std::string& rules, const std::string& name) {
  const size_t begin = rules.find("\tchain " + name + " {\n");
  if (begin == std::string::npos) return "(no chain " + name + ")";
  const size_t body = rules.find('\n', rules.find('\n', begin) + 1) + 1;
  const size_t end = rules.find("\t}\n", body);
  std::string out;
  for (size_t pos = body; pos < end;) {
    const size_t eol = rules.find('\n', pos);
    out += rules.substr(pos + 2, eol - pos - 1);  // drop the two tabs
    pos = eol + 1;
  }
  return out;
}

TEST_CASE("nftables: golden ruleset for libvirt's default network") {
  CHECK(Ruleset(DefaultNetwork()) ==
        "table inet vnetctl_default\n"
        "delete table inet vnetctl_default\n"
        "table inet vnetctl_default {\n"
        "\tchain input {\n"
        "\t\ttype filter hook input priority filter; policy accept;\n"
        "\t\tiifname \"virbr0\" meta nfproto ipv4 tcp dport { 53, 67 } counter accept\n"
        "\t\tiifname \"virbr0\" meta nfproto ipv4 udp dport { 53, 67 } counter accept\n"
        "\t}\n"
        "\tchain output {\n"
        "\t\ttype filter hook output priority filter; policy accept;\n"
        "\t\toifname \"virbr0\" meta nfproto ipv4 tcp dport { 53, 68 } counter accept\n"
        "\t\toifname \"virbr0\" meta nfproto ipv4 udp dport { 53, 68 } counter accept\n"
        "\t}\n"
        "\tchain forward {\n"
        "\t\ttype filter hook forward priority filter; policy accept;\n"
        "\t\tiifname \"virbr0\" oifname \"virbr0\" counter accept\n"
        "\t\toifname \"virbr0\" ip daddr 192.168.122.0/24 ct state related,established counter "
        "accept\n"
        "\t\toifname \"virbr0\" counter reject\n"
        "\t\tiifname \"virbr0\" ip saddr 192.168.122.0/24 counter accept\n"
        "\t\tiifname \"virbr0\" counter reject\n"
        "\t}\n"
        "\tchain postrouting {\n"
        "\t\ttype nat hook postrouting priority srcnat; policy accept;\n"
        "\t\tip saddr 192.168.122.0/24 ip daddr 224.0.0.0/24 counter return\n"
        "\t\tip saddr 192.168.122.0/24 ip daddr 255.255.255.255/32 counter return\n"
        "\t\tmeta l4proto tcp ip saddr 192.168.122.0/24 ip daddr != 192.168.122.0/24 counter "
        "masquerade to :1024-65535\n"
        "\t\tmeta l4proto udp ip saddr 192.168.122.0/24 ip daddr != 192.168.122.0/24 counter "
        "masquerade to :1024-65535\n"
        "\t\tip saddr 192.168.122.0/24 ip daddr != 192.168.122.0/24 counter masquerade\n"
        "\t}\n"
        "}\n");
}

TEST_CASE("nftables: isolated keeps only host, cross and reject rules") {
  Network net = DefaultNetwork();
  net.forward.reset();
  const std::string rules = Ruleset(net);
  CHECK(Chain(rules, "forward") ==
        "iifname \"virbr0\" oifname \"virbr0\" counter accept\n"
        "oifname \"virbr0\" counter reject\n"
        "iifname \"virbr0\" counter reject\n");
  CHECK(rules.find("postrouting") == std::string::npos);
  CHECK(Chain(rules, "input") ==
        "iifname \"virbr0\" meta nfproto ipv4 tcp dport { 53, 67 } counter accept\n"
        "iifname \"virbr0\" meta nfproto ipv4 udp dport { 53, 67 } counter accept\n");
}

TEST_CASE("nftables: route accepts out of and into each subnet, no NAT") {
  Network net = MakeNetwork("routed", ForwardMode::kRoute, "virbr1");
  net.forward->interfaces.push_back(ForwardInterface{"eth1", {}});
  net.ips.push_back(MakeIp("192.168.122.1", 24));
  net.ips.push_back(MakeIp("2001:db8:ca2:2::1", 64));
  const std::string rules = Ruleset(net);
  CHECK(Chain(rules, "forward") ==
        "iifname \"virbr1\" oifname \"virbr1\" counter accept\n"
        "iifname \"eth1\" oifname \"virbr1\" ip daddr 192.168.122.0/24 counter accept\n"
        "iifname \"eth1\" oifname \"virbr1\" ip6 daddr 2001:db8:ca2:2::/64 counter accept\n"
        "oifname \"virbr1\" counter reject\n"
        "iifname \"virbr1\" ip saddr 192.168.122.0/24 oifname \"eth1\" counter accept\n"
        "iifname \"virbr1\" ip6 saddr 2001:db8:ca2:2::/64 oifname \"eth1\" counter accept\n"
        "iifname \"virbr1\" counter reject\n");
  CHECK(rules.find("postrouting") == std::string::npos);
  CHECK(Chain(rules, "output") ==
        "oifname \"virbr1\" meta nfproto ipv4 tcp dport { 53, 68 } counter accept\n"
        "oifname \"virbr1\" meta nfproto ipv4 udp dport { 53, 68 } counter accept\n"
        "oifname \"virbr1\" meta nfproto ipv6 tcp dport 53 counter accept\n"
        "oifname \"virbr1\" meta nfproto ipv6 udp dport { 53, 546 } counter accept\n");
}

TEST_CASE("nftables: nat routes IPv6 unless <nat ipv6='yes'>") {
  Network net = DefaultNetwork();
  net.ips.push_back(MakeIp("2001:db8:ca2:2::1", 64));
  std::string rules = Ruleset(net);
  CHECK(rules.find("ip6 saddr 2001:db8:ca2:2::/64 counter accept\n") != std::string::npos);
  CHECK(rules.find("ip6 daddr 2001:db8:ca2:2::/64 counter accept\n") != std::string::npos);
  CHECK(rules.find("masquerade to :1024-65535\n\t\tmeta l4proto udp ip6") == std::string::npos);

  net.forward->nat = ForwardNat{};
  net.forward->nat->ipv6 = true;
  rules = Ruleset(net);
  CHECK(rules.find("oifname \"virbr0\" ip6 daddr 2001:db8:ca2:2::/64 ct state "
                   "related,established counter accept\n") != std::string::npos);
  CHECK(Chain(rules, "postrouting")
            .find("ip6 saddr 2001:db8:ca2:2::/64 ip6 daddr ff02::/16 counter return\n"
                  "meta l4proto tcp ip6 saddr 2001:db8:ca2:2::/64 ip6 daddr != 2001:db8:ca2:2::/64 "
                  "counter masquerade to :1024-65535\n"
                  "meta l4proto udp ip6 saddr 2001:db8:ca2:2::/64 ip6 daddr != 2001:db8:ca2:2::/64 "
                  "counter masquerade to :1024-65535\n"
                  "ip6 saddr 2001:db8:ca2:2::/64 ip6 daddr != 2001:db8:ca2:2::/64 counter "
                  "masquerade\n") != std::string::npos);
}

TEST_CASE("nftables: forward dev, <nat><address> and <nat><port>") {
  Network net = DefaultNetwork();
  net.forward->interfaces.push_back(ForwardInterface{"eth0", {}});
  net.forward->nat = ForwardNat{};
  net.forward->nat->address = NatAddressRange{Addr("10.0.0.10"), Addr("10.0.0.20"), {}};
  net.forward->nat->port = NatPortRange{500, 1000, {}};
  const std::string rules = Ruleset(net);
  CHECK(Chain(rules, "postrouting") ==
        "oifname \"eth0\" ip saddr 192.168.122.0/24 ip daddr 224.0.0.0/24 counter return\n"
        "oifname \"eth0\" ip saddr 192.168.122.0/24 ip daddr 255.255.255.255/32 counter return\n"
        "meta l4proto tcp ip saddr 192.168.122.0/24 ip daddr != 192.168.122.0/24 oifname "
        "\"eth0\" counter snat ip to 10.0.0.10-10.0.0.20:500-1000\n"
        "meta l4proto udp ip saddr 192.168.122.0/24 ip daddr != 192.168.122.0/24 oifname "
        "\"eth0\" counter snat ip to 10.0.0.10-10.0.0.20:500-1000\n"
        "ip saddr 192.168.122.0/24 ip daddr != 192.168.122.0/24 oifname \"eth0\" counter snat "
        "ip to 10.0.0.10-10.0.0.20\n");

  net.forward->nat->address.reset();
  CHECK(Chain(Ruleset(net), "postrouting").find("counter masquerade to :500-1000\n") !=
        std::string::npos);

  net.forward->nat->port = NatPortRange{1000, 1000, {"n.xml", 6, "/network/forward/nat/port"}};
  const Error error = RulesetError(net);
  CHECK(error.kind == ErrorKind::kInvalidInput);
  CHECK(error.Format() ==
        "n.xml:6: internal error: Invalid port range '1000-1000'. (/network/forward/nat/port)");
}

TEST_CASE("nftables: TFTP opens port 69 both ways") {
  Network net = DefaultNetwork();
  net.ips[0].tftp_root = "/srv/tftp";
  const std::string rules = Ruleset(net);
  CHECK(rules.find("iifname \"virbr0\" meta nfproto ipv4 udp dport { 53, 67, 69 } counter "
                   "accept\n") != std::string::npos);
  CHECK(rules.find("oifname \"virbr0\" meta nfproto ipv4 udp dport { 53, 68, 69 } counter "
                   "accept\n") != std::string::npos);
}

TEST_CASE("nftables: open and unmanaged modes need no rules") {
  Network net = DefaultNetwork();
  net.forward->mode = ForwardMode::kOpen;
  CHECK(Ruleset(net).empty());
  for (ForwardMode mode : {ForwardMode::kBridge, ForwardMode::kPrivate, ForwardMode::kVepa,
                           ForwardMode::kPassthrough, ForwardMode::kHostdev}) {
    CHECK(Ruleset(MakeNetwork("x", mode, "br0")).empty());
  }
}

TEST_CASE("nftables: names that could inject tokens are refused") {
  Network net = DefaultNetwork();
  net.name = "evil\"; flush ruleset";
  Error error = RulesetError(net);
  CHECK(error.kind == ErrorKind::kInvalidInput);
  CHECK(error.message ==
        "network name 'evil\"; flush ruleset' has the character '\"', which an nftables ruleset "
        "cannot take (allowed: A-Z a-z 0-9 _ . : -)");

  net = DefaultNetwork();
  net.bridge->name = "virbr0\n";
  CHECK(RulesetError(net).message ==
        "bridge name 'virbr0\n' has the character '\\x0a', which an nftables ruleset cannot take "
        "(allowed: A-Z a-z 0-9 _ . : -)");

  net = DefaultNetwork();
  net.forward->interfaces.push_back(ForwardInterface{"eth 0", {}});
  CHECK(RulesetError(net).message.rfind("forward dev 'eth 0' has the character ' '", 0) == 0);

  net = DefaultNetwork();
  net.bridge.reset();
  CHECK(RulesetError(net).message == "bridge name '' is empty");
}

TEST_CASE("nftables: table names and the removal file") {
  CHECK(*NftTableName("lab.net-1") == "vnetctl_lab.net-1");
  CHECK(*NftTableName("a:b") == "vnetctl_a/b");
  CHECK_FALSE(NftTableName("").ok());
  CHECK(*RenderNftDelete("default") ==
        "table inet vnetctl_default\ndelete table inet vnetctl_default\n");
  CHECK(RenderNftDelete("a b").error().message ==
        "network name 'a b' has the character ' ', which an nftables ruleset cannot take "
        "(allowed: A-Z a-z 0-9 _ . : -)");
}

}  // namespace
}  // namespace vnet
