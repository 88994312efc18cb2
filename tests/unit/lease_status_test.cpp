// import --handback: vnetctl's dnsmasq leases as libvirt's lease status file
// (core/import/lease_status.h), the file libvirt's dnsmasq reads back at start.
#include "core/import/lease_status.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

namespace vnet::import {
namespace {

TEST_CASE("lease status: IPv4 and IPv6 leases as libvirt_leaseshelper writes them") {
  live::DnsmasqLeaseFile f = live::ParseDnsmasqLeases(
      "1767225600 52:54:00:77:00:77 192.168.122.202 guest 01:52:54:00:77:00:77\n"
      "1767225700 52:54:00:77:00:10 192.168.122.240 * *\n"
      "duid 00:01:00:01:2c:aa:bb:cc:52:54:00:00:00:01\n"
      "1767225800 1234 fd77:4::123 v6guest 00:04:aa:bb\n");
  int count = 0;
  std::string text = LibvirtLeaseStatus(f, &count);
  CHECK(count == 3);
  CHECK(text.back() == '\n');
  nlohmann::json j = nlohmann::json::parse(text);
  REQUIRE(j.size() == 3);
  CHECK(j[0] == nlohmann::json{{"ip-address", "192.168.122.202"},
                               {"mac-address", "52:54:00:77:00:77"},
                               {"hostname", "guest"},
                               {"client-id", "01:52:54:00:77:00:77"},
                               {"expiry-time", 1767225600}});
  CHECK(j[1] == nlohmann::json{{"ip-address", "192.168.122.240"},
                               {"mac-address", "52:54:00:77:00:10"},
                               {"expiry-time", 1767225700}});
  CHECK(j[2] == nlohmann::json{{"ip-address", "fd77:4::123"},
                               {"iaid", "1234"},
                               {"server-duid", "00:01:00:01:2c:aa:bb:cc:52:54:00:00:00:01"},
                               {"hostname", "v6guest"},
                               {"client-id", "00:04:aa:bb"},
                               {"expiry-time", 1767225800}});
}

TEST_CASE("lease status: no leases is an empty array; IPv6 without the server DUID is left out") {
  int count = -1;
  CHECK(LibvirtLeaseStatus(live::ParseDnsmasqLeases(""), &count) == "[]\n");
  CHECK(count == 0);
  live::DnsmasqLeaseFile f = live::ParseDnsmasqLeases("1767225800 1234 fd77:4::123 * *\n");
  CHECK(LibvirtLeaseStatus(f, &count) == "[]\n");
  CHECK(count == 0);
}

}  // namespace
}  // namespace vnet::import
