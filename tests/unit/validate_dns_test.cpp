#include <doctest/doctest.h>

#include "tests/unit/validate_test_util.h"

using namespace vnet;           // NOLINT
using namespace vnet::testing;  // NOLINT

namespace {

Network WithDns(Dns dns) {
  Network net = NatNetwork();
  dns.loc = Loc("/network/dns", 6);
  net.dns = std::move(dns);
  return net;
}

DnsSrv Srv(std::string service, std::string protocol) {
  DnsSrv s;
  s.service = std::move(service);
  s.protocol = std::move(protocol);
  s.loc = Loc("/network/dns/srv[1]", 7);
  return s;
}

}  // namespace

TEST_CASE("disabled dns takes no children") {
  Dns dns;
  dns.enable = false;
  CHECK(First(WithDns(dns)) == "");
  dns.txts.push_back(DnsTxt{"example", "v", {}});
  Error e = FirstError(WithDns(dns));
  CHECK(e.message == "XML error: Extra data in disabled network 'default'");
  CHECK(e.where.path == "/network/dns");
}

TEST_CASE("forwarder needs addr or domain") {
  Dns dns;
  dns.forwarders.push_back(DnsForwarder{std::nullopt, std::nullopt, {}});
  CHECK(First(WithDns(dns)) ==
        "XML error: Invalid forwarder element, must contain at least one of addr or domain");
  dns.forwarders[0].domain = "example.com";
  CHECK(First(WithDns(dns)) == "");
}

TEST_CASE("dns host needs a hostname") {
  Dns dns;
  dns.hosts.push_back(DnsHost{Addr("192.168.122.2"), {}, {}});
  CHECK(First(WithDns(dns)) == "Missing hostname in network 'default' DNS HOST record");
  dns.hosts[0].hostnames = {"a", ""};
  CHECK(First(WithDns(dns)) == "Missing hostname in network 'default' DNS HOST record");
}

TEST_CASE("srv needs service and protocol with valid characters") {
  Dns dns;
  dns.srvs.push_back(Srv("", "tcp"));
  CHECK(First(WithDns(dns)) ==
        "missing required service attribute in DNS SRV record of network 'default'");
  dns.srvs[0] = Srv("name", "");
  CHECK(First(WithDns(dns)) ==
        "missing required protocol attribute in DNS SRV record 'name' of network 'default'");
  dns.srvs[0] = Srv("na.me", "tcp");
  CHECK(First(WithDns(dns)) ==
        "invalid character in service attribute 'na.me' in DNS SRV record of network "
        "'default'");
  dns.srvs[0] = Srv("name", "t_cp");
  CHECK(First(WithDns(dns)) ==
        "invalid character in protocol attribute 't_cp' in DNS SRV record of network "
        "'default'");
  dns.srvs[0] = Srv(std::string(483, 'a'), "tcp");
  CHECK(First(WithDns(dns)) == "service attribute '" + std::string(483, 'a') +
                                   "' in network 'default' is too long, limit is 482 bytes");
}

TEST_CASE("srv port, priority and weight") {
  Dns dns;
  dns.srvs.push_back(Srv("ldap", "tcp"));
  dns.srvs[0].port = 389;
  CHECK(First(WithDns(dns)) ==
        "DNS SRV port attribute not permitted without target for service 'ldap' in network "
        "'default'");
  dns.srvs[0].target = "ldap.example.com";
  CHECK(First(WithDns(dns)) == "");
  dns.srvs[0].port = 0;
  CHECK(First(WithDns(dns)) ==
        "invalid DNS SRV port attribute for service 'ldap' in network 'default'");
  dns.srvs[0].port = 389;
  dns.srvs[0].priority = 70000;
  CHECK(First(WithDns(dns)) ==
        "Invalid DNS SRV priority attribute for service 'ldap' in network 'default'");
  dns.srvs[0].priority = 10;
  dns.srvs[0].weight = 65536;
  Error e = FirstError(WithDns(dns));
  CHECK(e.message == "invalid DNS SRV weight attribute for service 'ldap' in network 'default'");
  CHECK(e.where.path == "/network/dns/srv[1]/@weight");
}

TEST_CASE("txt record names") {
  Dns dns;
  dns.txts.push_back(DnsTxt{"", "v", {}});
  CHECK(First(WithDns(dns)) ==
        "missing required name attribute in DNS TXT record of network default");
  dns.txts[0].name = "a,b";
  CHECK(First(WithDns(dns)) ==
        "prohibited character in DNS TXT record name 'a,b' of network default");
  dns.txts[0].name = "a b";
  CHECK(First(WithDns(dns)) ==
        "prohibited character in DNS TXT record name 'a b' of network default");
}
