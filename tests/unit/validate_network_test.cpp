#include <doctest/doctest.h>

#include "tests/unit/validate_test_util.h"

using namespace vnet;           // NOLINT
using namespace vnet::testing;  // NOLINT

TEST_CASE("the default nat network is valid") {
  CHECK(Messages(ValidateNetwork(NatNetwork())).empty());
}

TEST_CASE("an isolated network without ip is valid") {
  Network net;
  net.name = "isolated";
  CHECK(Messages(ValidateNetwork(net)).empty());
}

TEST_CASE("name is required") {
  Network net = NatNetwork("");
  Error e = FirstError(net);
  CHECK(e.message == "missing name information");
  CHECK(e.where.path == "/network/@name");
  CHECK(e.where.line == 1);
}

TEST_CASE("name may not contain a slash") {
  CHECK(First(NatNetwork("a/b")) == "invalid char in name: /");
}

TEST_CASE("name may not contain a newline (network driver)") {
  CHECK(First(NatNetwork("a\nb")) == "invalid char in name: \n");
}

TEST_CASE("title may not contain a newline") {
  Network net = NatNetwork();
  net.title = "two\nlines";
  CHECK(First(net) == "XML error: Network title can't contain newlines");
}

TEST_CASE("modes without a managed bridge reject <mac>, <ip>, <dns>, <domain>") {
  Network net = ModeNetwork(ForwardMode::kBridge, "br");
  net.bridge.emplace();
  net.bridge->name = "br0";
  SUBCASE("mac") {
    net.mac = Mac("52:54:00:00:00:01");
    CHECK(First(net) ==
          "unsupported configuration: Unsupported <mac> element in network br with forward "
          "mode='bridge'");
  }
  SUBCASE("ip") {
    net.ips.push_back(MakeIp("10.0.0.1", 24));
    Error e = FirstError(net);
    CHECK(e.message ==
          "unsupported configuration: Unsupported <ip> element in network br with forward "
          "mode='bridge'");
    CHECK(e.where.path == "/network/ip[1]");
  }
  SUBCASE("dns host") {
    net.dns.emplace();
    net.dns->hosts.push_back(DnsHost{Addr("10.0.0.2"), {"a"}, {}});
    CHECK(First(net) ==
          "unsupported configuration: Unsupported <dns> element in network br with forward "
          "mode='bridge'");
  }
  SUBCASE("dns forwarders alone are not counted") {
    net.dns.emplace();
    net.dns->forwarders.push_back(DnsForwarder{Addr("8.8.8.8"), std::nullopt, {}});
    CHECK(First(net) == "");
  }
  SUBCASE("domain") {
    net.domain = Domain{"example.com", std::nullopt, {}};
    CHECK(First(net) ==
          "unsupported configuration: Unsupported <domain> element in network br with forward "
          "mode='bridge'");
  }
}

TEST_CASE("network-wide bandwidth only with a bridge") {
  Network net = ModeNetwork(ForwardMode::kPrivate, "priv");
  net.forward->interfaces.push_back({"eth0", {}});
  net.bandwidth.emplace();
  net.bandwidth->inbound = BandwidthRate{1000, std::nullopt, std::nullopt, std::nullopt, {}};
  CHECK(First(net) ==
        "unsupported configuration: Unsupported network-wide <bandwidth> element in network "
        "priv with forward mode='private'");
  SUBCASE("bridge mode with a bridge name allows it") {
    net.forward->mode = ForwardMode::kBridge;
    net.forward->interfaces.clear();
    net.bridge.emplace();
    net.bridge->name = "br0";
    CHECK(First(net) == "");
  }
}

TEST_CASE("only one dhcp section per family") {
  Network net = NatNetwork();
  Ip second = MakeIp("192.168.123.1", 24, "/network/ip[2]");
  second.dhcp.emplace();
  second.dhcp->ranges.push_back(Range("192.168.123.2", "192.168.123.9"));
  net.ips.push_back(second);
  CHECK(First(net) ==
        "unsupported configuration: Multiple IPv4 dhcp sections found -- dhcp is supported only "
        "for a single IPv4 address on each network");
  SUBCASE("ipv6") {
    net.ips.pop_back();
    for (const char* a : {"2001:db8:1::1", "2001:db8:2::1"}) {
      Ip v6 = MakeIp(a, 64);
      v6.dhcp.emplace();
      v6.dhcp->hosts.push_back(Host(nullptr, "h", a));
      v6.dhcp->hosts.back().ip = AddToAddress(Addr(a), 5);
      net.ips.push_back(v6);
    }
    CHECK(First(net) ==
          "unsupported configuration: Multiple IPv6 dhcp sections found -- dhcp is supported "
          "only for a single IPv6 address on each network");
  }
}

TEST_CASE("errors come in libvirt's order and strict rules come last") {
  Network net = NatNetwork("bad name");
  net.mtu = 1500;
  net.forward->mode = ForwardMode::kBridge;  // now mtu, ip and bridge stp rules fire
  net.ips.clear();
  net.bridge->stp = true;
  auto msgs = Messages(ValidateNetwork(net));
  REQUIRE(msgs.size() == 3);
  CHECK(msgs[0] ==
        "XML error: bridge delay/stp/zone options only allowed in route, nat, and isolated "
        "mode, not in bridge (network 'bad name')");
  CHECK(msgs[1] ==
        "XML error: mtu size only allowed in open, route, nat, and isolated mode, not in bridge "
        "(network 'bad name')");
  CHECK(msgs[2] ==
        "network name 'bad name' contains 0x20; vnetctl uses the name in file names, config "
        "files and command lines and allows only letters, digits and '_.+:-' (libvirt accepts "
        "this; vnetctl refuses it)");
}
