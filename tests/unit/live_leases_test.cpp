// dnsmasq lease files, in the format dnsmasq's lease.c writes.
#include <doctest/doctest.h>

#include "core/live/leases.h"

namespace vnet::live {
namespace {

TEST_CASE("live leases: IPv4 lines, '*' for no hostname or client id, infinite lease") {
  DnsmasqLeaseFile file = ParseDnsmasqLeases(
      "1700000000 52:54:00:aa:bb:cc 192.168.122.10 vm1 01:52:54:00:aa:bb:cc\n"
      "0 52:54:00:00:00:02 192.168.122.2 * *\n");
  CHECK(file.malformed.empty());
  CHECK(file.server_duid.empty());
  REQUIRE(file.leases.size() == 2);
  const DnsmasqLease& a = file.leases[0];
  CHECK(a.expiry == 1700000000);
  CHECK(a.type == "ipv4");
  CHECK(a.mac == "52:54:00:aa:bb:cc");
  CHECK(a.ip == "192.168.122.10");
  CHECK(a.hostname == "vm1");
  CHECK(a.client_id == "01:52:54:00:aa:bb:cc");
  CHECK(a.iaid.empty());
  const DnsmasqLease& b = file.leases[1];
  CHECK(b.expiry == 0);
  CHECK(b.hostname.empty());
  CHECK(b.client_id.empty());
}

TEST_CASE("live leases: server duid line, IPv6 lines with IAID and temporary addresses") {
  DnsmasqLeaseFile file = ParseDnsmasqLeases(
      "1700000000 52:54:00:aa:bb:cc 192.168.122.10 vm1 *\n"
      "duid 00:01:00:01:2c:4f:1a:2b:52:54:00:11:22:33\n"
      "1700000500 1234567 2001:db8:ca2:2::10 vm1 00:04:8f:2b:0c:1e:5e:4c:4d:a1\n"
      "1700000600 T42 2001:0db8:ca2:2:0::11 * 00:03:00:01:52:54:00:00:00:03\n"
      "agent-info 192.168.122.10 01:02:03\n"
      "vendorclass 2001:db8:ca2:2::10 61:62\n");
  CHECK(file.malformed.empty());
  CHECK(file.server_duid == "00:01:00:01:2c:4f:1a:2b:52:54:00:11:22:33");
  REQUIRE(file.leases.size() == 3);
  const DnsmasqLease& v6 = file.leases[1];
  CHECK(v6.type == "ipv6");
  CHECK(v6.expiry == 1700000500);
  CHECK(v6.iaid == "1234567");
  CHECK_FALSE(v6.temporary);
  CHECK(v6.ip == "2001:db8:ca2:2::10");
  CHECK(v6.hostname == "vm1");
  CHECK(v6.client_id == "00:04:8f:2b:0c:1e:5e:4c:4d:a1");
  CHECK(v6.mac.empty());
  const DnsmasqLease& ta = file.leases[2];
  CHECK(ta.temporary);
  CHECK(ta.iaid == "42");
  CHECK(ta.ip == "2001:db8:ca2:2::11");  // canonical text
  CHECK(ta.hostname.empty());
}

TEST_CASE("live leases: malformed lines are skipped and reported with their numbers") {
  DnsmasqLeaseFile file = ParseDnsmasqLeases(
      "1700000000 52:54:00:aa:bb:cc 192.168.122.10 vm1 *\n"
      "\n"
      "soon 52:54:00:aa:bb:cd 192.168.122.11 vm2 *\n"
      "1700000000 52:54:00:aa:bb:ce 192.168.122.300 vm3 *\n"
      "1700000000 52:54:00:aa:bb:cf 192.168.122.12 vm4\n"
      "1700000000 X1 2001:db8::1 vm5 00:01\n"
      "-1 52:54:00:aa:bb:d0 192.168.122.13 vm6 *\n"
      "1700000000 52:54:00:aa:bb:d1 192.168.122.14 vm7 *");  // no final newline
  REQUIRE(file.leases.size() == 2);
  CHECK(file.leases[0].hostname == "vm1");
  CHECK(file.leases[1].hostname == "vm7");
  REQUIRE(file.malformed.size() == 5);
  CHECK(file.malformed[0].line == 3);
  CHECK(file.malformed[0].text == "soon 52:54:00:aa:bb:cd 192.168.122.11 vm2 *");
  CHECK(file.malformed[1].line == 4);
  CHECK(file.malformed[2].line == 5);
  CHECK(file.malformed[3].line == 6);
  CHECK(file.malformed[4].line == 7);
  CHECK(ParseDnsmasqLeases("").leases.empty());
}

}  // namespace
}  // namespace vnet::live
