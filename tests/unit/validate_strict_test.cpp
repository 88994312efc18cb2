#include <doctest/doctest.h>

#include "tests/unit/validate_test_util.h"

using namespace vnet;           // NOLINT
using namespace vnet::testing;  // NOLINT

namespace {

const std::string kSuffix = " (libvirt accepts this; vnetctl refuses it)";

Network WithHosts(std::vector<DhcpHost> hosts) {
  Network net = NatNetwork();
  for (size_t i = 0; i < hosts.size(); ++i) {
    hosts[i].loc = Loc("/network/ip[1]/dhcp/host[" + std::to_string(i + 1) + "]", 20);
  }
  net.ips[0].dhcp->hosts = std::move(hosts);
  return net;
}

}  // namespace

TEST_CASE("network names must be safe in file names and command lines") {
  CHECK(First(NatNetwork("ok_name-1.2:y")) == "");
  CHECK(First(NatNetwork("semi;colon")) ==
        "network name 'semi;colon' contains ';'; vnetctl uses the name in file names, config "
        "files and command lines and allows only letters, digits and '_.+:-'" +
            kSuffix);
  CHECK(First(NatNetwork("tab\there")) ==
        "network name 'tab\there' contains 0x09; vnetctl uses the name in file names, config "
        "files and command lines and allows only letters, digits and '_.+:-'" +
            kSuffix);
  CHECK(First(NatNetwork("..")) ==
        "network name '..' must start with a letter, a digit or '_'" + kSuffix);
  CHECK(First(NatNetwork("-rf")) ==
        "network name '-rf' must start with a letter, a digit or '_'" + kSuffix);
  CHECK(First(NatNetwork(std::string(64, 'a'))) == "");
  CHECK(First(NatNetwork(std::string(65, 'a'))) ==
        "network name '" + std::string(65, 'a') + "' is longer than 64 bytes" + kSuffix);
}

TEST_CASE("bridge names fit the kernel and every manager's config files") {
  Network net = NatNetwork();
  net.bridge->name = "virbr-lab.100";
  CHECK(First(net) == "");
  net.bridge->name = "averyveryverylongbr";
  Error e = FirstError(net);
  CHECK(e.message ==
        "bridge name 'averyveryverylongbr' is longer than 15 bytes, the kernel's "
        "limit (IFNAMSIZ)" +
            kSuffix);
  CHECK(e.where.path == "/network/bridge/@name");
  net.bridge->name = "br\"0";
  CHECK(First(net) ==
        "bridge name 'br\"0' contains '\"'; interface names may contain only "
        "letters, digits and '_.+-'" +
            kSuffix);
  net.bridge->name = "br 0";
  CHECK(First(net) ==
        "bridge name 'br 0' contains 0x20; interface names may contain only "
        "letters, digits and '_.+-'" +
            kSuffix);
  net.bridge->name = "br/0";
  CHECK(First(net) ==
        "bridge name 'br/0' contains '/'; interface names may contain only "
        "letters, digits and '_.+-'" +
            kSuffix);
}

TEST_CASE("bridge name templates") {
  Network net = NatNetwork();
  net.bridge->name = "lab%d";
  CHECK(First(net) == "");
  net.bridge->name = "lab%d%d";
  std::string bad =
      "bridge name template 'lab%d%d' is not valid: a template needs exactly one '%d' and is "
      "only expanded for forward modes nat, route, open and isolated" +
      kSuffix;
  CHECK(First(net) == bad);
  net.bridge->name = "labbridgexx%d";  // 11 + 3 digits = 14: fits
  CHECK(First(net) == "");
  net.bridge->name = "labbridgexxx%d";  // 12 + 3 digits = 15: fits
  CHECK(First(net) == "");
  net.bridge->name = "labbridgexxxx%d";
  CHECK(First(net) ==
        "bridge name template 'labbridgexxxx%d' is too long: with a number of up to 3 digits the "
        "names would not fit in 15 bytes, the kernel's limit (IFNAMSIZ)" +
            kSuffix);
  net.bridge->name = "lab;%d";
  CHECK(First(net) ==
        "bridge name template 'lab;%d' contains ';'; interface names may contain "
        "only letters, digits and '_.+-'" +
            kSuffix);
}

TEST_CASE("forward interface names") {
  Network net = NatNetwork();
  net.forward->interfaces = {{"eth#0", Loc("/network/forward/interface[1]", 3)}};
  Error e = FirstError(net);
  CHECK(e.message ==
        "forward interface 'eth#0' contains '#'; interface names may contain only "
        "letters, digits and '_.+-'" +
            kSuffix);
  CHECK(e.where.path == "/network/forward/interface[1]/@dev");
}

TEST_CASE("duplicate static hosts") {
  auto a = Host("52:54:00:00:00:01", "alpha", "192.168.122.10");
  CHECK(First(WithHosts({a, Host("52:54:00:00:00:02", "beta", "192.168.122.11")})) == "");
  Error mac = FirstError(WithHosts({a, Host("52:54:00:00:00:01", "beta", "192.168.122.11")}));
  CHECK(mac.message ==
        "static host MAC address 52:54:00:00:00:01 is used twice in network 'default' (hosts 1 "
        "and 2 of one <ip>); dnsmasq would honour only one of them" +
            kSuffix);
  CHECK(mac.where.path == "/network/ip[1]/dhcp/host[2]/@mac");
  CHECK(First(WithHosts({a, Host("52:54:00:00:00:02", "beta", "192.168.122.10")})) ==
        "static host IP address 192.168.122.10 is used twice in network 'default' (hosts 1 and "
        "2 of one <ip>); dnsmasq would honour only one of them" +
            kSuffix);
  CHECK(First(WithHosts({a, Host("52:54:00:00:00:02", "ALPHA", "192.168.122.11")})) ==
        "static host name alpha is used twice in network 'default' (hosts 1 and 2 of one "
        "<ip>); dnsmasq would honour only one of them" +
            kSuffix);
}

// libvirt accepts it and real hosts have it: a warning, not an error.
TEST_CASE("static host outside the subnet: accepted, with a warning") {
  Network net = WithHosts({Host("52:54:00:00:00:01", nullptr, "192.168.123.10")});
  CHECK(First(net) == "");
  std::vector<Error> warnings = NetworkWarnings(net);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message ==
        "static host IP address 192.168.123.10 in network 'default' is outside its <ip> subnet "
        "192.168.122.1/24: dnsmasq never hands it out");
  CHECK(warnings[0].where.path == "/network/ip[1]/dhcp/host[1]/@ip");
  CHECK(warnings[0].where.line == 20);
  CHECK(NetworkWarnings(WithHosts({Host("52:54:00:00:00:01", nullptr, "192.168.122.10")})).empty());
}

TEST_CASE("static host of the other family is refused") {
  CHECK(First(WithHosts({Host("52:54:00:00:00:01", nullptr, "fd00::5")})) ==
        "static host IP address fd00::5 in network 'default' is not an IPv4 address like its "
        "<ip> 192.168.122.1; dnsmasq would never hand it out" +
            kSuffix);
}

// A cluster installer adds '*.apps' with net-update; libvirt takes it.
TEST_CASE("'*' in a DNS host name: accepted, with a warning") {
  Network net = NatNetwork();
  net.dns.emplace();
  DnsHost h;
  h.ip = *IpAddr::Parse("192.168.122.5");
  h.hostnames = {"*.apps", "api"};
  h.loc = Loc("/network/dns/host[1]", 9);
  net.dns->hosts.push_back(h);
  CHECK(First(net) == "");
  std::vector<Error> warnings = NetworkWarnings(net);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message.starts_with(
      "DNS host name '*.apps' in network 'default' contains '*': dnsmasq answers only for that "
      "literal name"));
  CHECK(warnings[0].where.line == 9);
  net.dns->hosts[0].hostnames = {"a*b,c"};  // ',' still splits the entry
  CHECK(First(net) ==
        "DNS host name 'a*b,c' in network 'default' contains ','; dnsmasq reads it as a DNS "
        "name: only letters, digits and '-_.*' are allowed" +
            kSuffix);
}

TEST_CASE("non-contiguous netmask fails only at net-start in libvirt") {
  Network net = NatNetwork();
  net.ips[0].dhcp.reset();
  net.ips[0].prefix.reset();
  net.ips[0].netmask = Addr("255.0.255.0");
  Error e = FirstError(net);
  CHECK(e.message ==
        "netmask '255.0.255.0' in network 'default' is not contiguous; libvirt "
        "fails only at net-start (\"has an invalid netmask or IP address\")" +
            kSuffix);
  CHECK(e.where.path == "/network/ip[1]/@netmask");
}

TEST_CASE("control characters in values written to dnsmasq files") {
  Network net = NatNetwork();
  net.domain = Domain{"example.com\nserver=6.6.6.6", std::nullopt, Loc("/network/domain", 5)};
  Error e = FirstError(net);
  CHECK(e.message ==
        "domain name in network 'default' contains a control character (such as "
        "a newline), which would change the meaning of the dnsmasq configuration "
        "written from it" +
            kSuffix);
  CHECK(e.where.path == "/network/domain/@name");
  Network txt = NatNetwork();
  txt.dns.emplace();
  txt.dns->txts.push_back(DnsTxt{"t", "a\rb", {}});
  CHECK(First(txt) ==
        "DNS TXT record value in network 'default' contains a control character "
        "(such as a newline), which would change the meaning of the dnsmasq "
        "configuration written from it" +
            kSuffix);
}
