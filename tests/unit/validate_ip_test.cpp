#include <doctest/doctest.h>

#include "tests/unit/validate_test_util.h"

using namespace vnet;           // NOLINT
using namespace vnet::testing;  // NOLINT

namespace {

Network WithIp(Ip ip) {
  Network net = NatNetwork();
  net.ips = {std::move(ip)};
  return net;
}

}  // namespace

TEST_CASE("ip family must match the address") {
  Ip ip = MakeIp("2001:db8::1", 64);
  ip.family.reset();
  CHECK(First(WithIp(ip)) ==
        "unsupported configuration: no family specified for non-IPv4 address '2001:db8::1' in "
        "network 'default'");
  ip.family = "ipv4";
  CHECK(First(WithIp(ip)) ==
        "unsupported configuration: ipv4 family specified for non-IPv4 address '2001:db8::1' in "
        "network 'default'");
  Ip v4 = MakeIp("10.0.0.1", 8);
  v4.family = "ipv6";
  CHECK(First(WithIp(v4)) ==
        "unsupported configuration: Family 'ipv6' specified for non-IPv6 address '10.0.0.1' in "
        "network 'default'");
  v4.family = "ipx";
  Error e = FirstError(WithIp(v4));
  CHECK(e.message == "XML error: Unrecognized family 'ipx' in network 'default'");
  CHECK(e.where.path == "/network/ip[1]/@family");
}

TEST_CASE("IPv4 takes a netmask or a prefix, not both") {
  Ip ip = MakeIp("10.0.0.1", 24);
  ip.netmask = Addr("255.255.255.0");
  CHECK(First(WithIp(ip)) ==
        "unsupported configuration: Network 'default' IP address cannot have both a prefix and "
        "a netmask");
  ip.prefix = 0;  // libvirt treats prefix='0' as absent
  CHECK(First(WithIp(ip)) == "");
  ip.netmask = Addr("ffff::");
  CHECK(First(WithIp(ip)) ==
        "unsupported configuration: Invalid netmask 'ffff::' for address '10.0.0.1' in network "
        "'default' (both must be IPv4)");
}

TEST_CASE("prefix ranges") {
  CHECK(First(WithIp(MakeIp("10.0.0.1", 33))) ==
        "unsupported configuration: Invalid IPv4 prefix '33' in network 'default'");
  CHECK(First(WithIp(MakeIp("10.0.0.1", 32))) == "");
  CHECK(First(WithIp(MakeIp("2001:db8::1", 129))) ==
        "unsupported configuration: Invalid IPv6 prefix '129' in network 'default'");
  CHECK(First(WithIp(MakeIp("2001:db8::1", 128))) == "");
}

TEST_CASE("IPv6 takes no netmask") {
  Ip ip = MakeIp("2001:db8::1", 64);
  ip.prefix.reset();
  ip.netmask = Addr("255.255.255.0");
  CHECK(First(WithIp(ip)) ==
        "unsupported configuration: netmask not allowed for IPv6 address '2001:db8::1' in "
        "network 'default'");
}

TEST_CASE("tftp only on IPv4") {
  Ip ip = MakeIp("2001:db8::1", 64);
  ip.tftp_root = "/srv/tftp";
  Error e = FirstError(WithIp(ip));
  CHECK(e.message ==
        "unsupported configuration: Unsupported <tftp> element in an IPv6 element in network "
        "'default'");
  CHECK(e.where.path == "/network/ip[1]/tftp");
}

TEST_CASE("DHCP range rules (virSocketAddrGetRange)") {
  Ip ip = MakeIp("192.168.122.1", 24);
  Network net = WithIp(ip);
  auto range_error = [&](const char* s, const char* e) {
    auto errs = ValidateDhcpRange(Range(s, e), ip, net);
    return errs.empty() ? std::string() : errs.front().message;
  };
  CHECK(range_error("192.168.122.2", "192.168.122.254") == "");
  CHECK(range_error("10.0.0.10", "10.0.0.100") ==
        "internal error: range 10.0.0.10 - 10.0.0.100 is not entirely within network "
        "192.168.122.1/24");
  CHECK(range_error("192.168.122.0", "192.168.122.10") ==
        "internal error: start of range 192.168.122.0 - 192.168.122.10 in network "
        "192.168.122.1/24 is the network address");
  CHECK(range_error("192.168.122.10", "192.168.122.255") ==
        "internal error: end of range 192.168.122.10 - 192.168.122.255 in network "
        "192.168.122.1/24 is the broadcast address");
  CHECK(range_error("192.168.122.100", "192.168.122.10") ==
        "internal error: range 192.168.122.100 - 192.168.122.10 is reversed ");
  CHECK(range_error("192.168.122.10", "2001:db8::1") ==
        "internal error: mismatch of address family in range 192.168.122.10 - 2001:db8::1");
  CHECK(range_error("2001:db8::1", "2001:db8::2") ==
        "internal error: mismatch of address family in range 2001:db8::1 - 2001:db8::2 for "
        "network 192.168.122.1");
}

TEST_CASE("DHCP range too large and IPv6 ranges") {
  Ip v4 = MakeIp("10.0.0.1", 8);
  Network net = WithIp(v4);
  auto errs = ValidateDhcpRange(Range("10.0.0.2", "10.1.0.1"), v4, net);
  REQUIRE(errs.size() == 1);
  CHECK(errs[0].message == "internal error: range 10.0.0.2 - 10.1.0.1 is too large (> 65535)");
  CHECK(errs[0].where.path == "/network/ip[1]/dhcp/range[1]");
  CHECK(errs[0].where.line == 12);
  Ip v6 = MakeIp("2001:db8::1", 64);
  CHECK(ValidateDhcpRange(Range("2001:db8::100", "2001:db8::1ff"), v6, net).empty());
  CHECK(Messages(ValidateDhcpRange(Range("2001:db8::200", "2001:db8::100"), v6, net)) ==
        std::vector<std::string>{
            "internal error: range 2001:db8::200 - 2001:db8::100 start larger than end"});
  CHECK(Messages(ValidateDhcpRange(Range("2001:db8::1:0", "2001:db8::2:0"), v6, net)) ==
        std::vector<std::string>{
            "internal error: range 2001:db8::1:0 - 2001:db8::2:0 is too large (> 65535)"});
}

TEST_CASE("DHCP range with a non-contiguous netmask") {
  Ip ip = MakeIp("10.0.0.1", 0);
  ip.prefix.reset();
  ip.netmask = Addr("255.0.255.0");
  Network net = WithIp(ip);
  CHECK(Messages(ValidateDhcpRange(Range("10.0.0.2", "10.0.0.9"), ip, net)) ==
        std::vector<std::string>{
            "internal error: bad prefix -1 for network 10.0.0.1 when checking range 10.0.0.2 - "
            "10.0.0.9"});
}

TEST_CASE("lease minimum is two minutes; 0 is infinite") {
  Network net = NatNetwork();
  Lease lease;
  lease.loc = Loc("/network/ip[1]/dhcp/range[1]/lease", 14);
  auto& range = net.ips[0].dhcp->ranges[0];
  for (auto [expiry, unit, ok] : {std::tuple{1, LeaseUnit::kMinutes, false},
                                  {2, LeaseUnit::kMinutes, true},
                                  {119, LeaseUnit::kSeconds, false},
                                  {120, LeaseUnit::kSeconds, true},
                                  {1, LeaseUnit::kHours, true},
                                  {0, LeaseUnit::kSeconds, true}}) {
    lease.expiry = static_cast<uint64_t>(expiry);
    lease.unit = unit;
    range.lease = lease;
    CAPTURE(expiry);
    CHECK(First(net) == (ok ? ""
                            : "unsupported configuration: The minimum lease time should be "
                              "greater than 2 minutes"));
  }
  lease.expiry = 1;
  lease.unit.reset();  // minutes by default
  range.lease = lease;
  CHECK(FirstError(net).where.path == "/network/ip[1]/dhcp/range[1]/lease/@expiry");
}

TEST_CASE("IPv4 static host rules") {
  Network net = NatNetwork();
  const Ip& ip = net.ips[0];
  auto host_error = [&](const DhcpHost& h) {
    auto errs = ValidateDhcpHost(h, ip, net);
    return errs.empty() ? std::string() : errs.front().message;
  };
  CHECK(host_error(Host("52:54:00:00:00:01", "a", "192.168.122.5")) == "");
  CHECK(host_error(Host("01:54:00:00:00:01", nullptr, "192.168.122.5")) ==
        "XML error: expected unicast mac address, found multicast '01:54:00:00:00:01' in "
        "network 'default'");
  CHECK(host_error(Host(nullptr, nullptr, "192.168.122.5")) ==
        "XML error: Static host definition in IPv4 network 'default' must have mac or name "
        "attribute");
  CHECK(host_error(Host("52:54:00:00:00:01", nullptr, nullptr)) ==
        "XML error: Missing IP address in static host definition for network 'default'");
  CHECK(host_error(Host(nullptr, "-bad", "192.168.122.5")) ==
        "XML error: Cannot use host name '-bad' in network 'default'");
  CHECK(host_error(Host(nullptr, "9lives", "192.168.122.5")) == "");
  DhcpHost with_id = Host(nullptr, "a", "192.168.122.5");
  with_id.id = "0:1:zz";
  CHECK(host_error(with_id) ==
        "XML error: Invalid character 'z' in id '0:1:zz' of network 'default'");
  DhcpHost leased = Host(nullptr, "a", "192.168.122.5");
  leased.lease = Lease{30, LeaseUnit::kSeconds, {}};
  CHECK(host_error(leased) ==
        "unsupported configuration: The minimum lease time should be greater than 2 minutes");
}

TEST_CASE("IPv6 static host rules") {
  Network net = NatNetwork();
  Ip ip = MakeIp("2001:db8::1", 64);
  auto host_error = [&](const DhcpHost& h) {
    auto errs = ValidateDhcpHost(h, ip, net);
    return errs.empty() ? std::string() : errs.front().message;
  };
  CHECK(host_error(Host("52:54:00:00:00:01", "a", "2001:db8::5")) ==
        "XML error: Invalid to specify MAC address '52:54:00:00:00:01' in network 'default' "
        "IPv6 static host definition");
  DhcpHost no_id = Host(nullptr, nullptr, "2001:db8::5");
  CHECK(host_error(no_id) ==
        "XML error: Static host definition in IPv6 network 'default' must have id or name "
        "attribute");
  no_id.id = "0:3:0:1:0:16:3e:11:22:33";
  CHECK(host_error(no_id) == "");
}

TEST_CASE("ValidateDhcpHost: outside the subnet a warning, the other family refused") {
  Network net = NatNetwork();
  DhcpHost outside = Host(nullptr, "a", "10.9.9.9");
  CHECK(ValidateDhcpHost(outside, net.ips[0], net).empty());
  auto warned = DhcpHostWarnings(outside, net.ips[0], net);
  CHECK(Messages(warned) ==
        std::vector<std::string>{
            "static host IP address 10.9.9.9 in network 'default' is outside its <ip> subnet "
            "192.168.122.1/24: dnsmasq never hands it out"});
  CHECK(warned[0].where.path == "/network/ip[1]/dhcp/host[1]/@ip");
  auto errs = ValidateDhcpHost(Host(nullptr, "a", "fd00::9"), net.ips[0], net);
  CHECK(Messages(errs) ==
        std::vector<std::string>{
            "static host IP address fd00::9 in network 'default' is not an IPv4 address like its "
            "<ip> 192.168.122.1; dnsmasq would never hand it out (libvirt accepts this; vnetctl "
            "refuses it)"});
}

TEST_CASE("a wrong <ip> skips its dhcp checks") {
  Ip ip = MakeIp("10.0.0.1", 40);
  ip.dhcp.emplace();
  ip.dhcp->ranges.push_back(Range("192.168.0.2", "192.168.0.1"));
  CHECK(Messages(ValidateNetwork(WithIp(ip))) ==
        std::vector<std::string>{
            "unsupported configuration: Invalid IPv4 prefix '40' in network 'default'"});
}
