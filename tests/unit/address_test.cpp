#include "core/net/address.h"

#include <doctest/doctest.h>

#include <cstdint>

using vnet::Family;
using vnet::IpAddr;
using vnet::MacAddr;
using vnet::Uuid;

namespace {

IpAddr A(const char* text) {
  auto a = IpAddr::Parse(text);
  REQUIRE_MESSAGE(a.has_value(), text);
  return *a;
}

}  // namespace

TEST_CASE("IPv4 netmask and prefix round trip") {
  auto mask = IpAddr::Parse("255.255.255.0");
  REQUIRE(mask);
  CHECK(vnet::PrefixFromNetmask(*mask) == 24);
  CHECK(vnet::NetmaskFromPrefix(24).ToString() == "255.255.255.0");
  CHECK_FALSE(vnet::PrefixFromNetmask(*IpAddr::Parse("255.0.255.0")));
}

TEST_CASE("IP parsing and canonical text") {
  CHECK(A("192.168.122.1").family == Family::kIpv4);
  CHECK(A("2001:DB8:0:0::1").ToString() == "2001:db8::1");
  CHECK(A("::ffff:10.0.0.1").family == Family::kIpv6);
  CHECK_FALSE(IpAddr::Parse(""));
  CHECK_FALSE(IpAddr::Parse("192.168.122"));
  CHECK_FALSE(IpAddr::Parse("192.168.122.256"));
  CHECK_FALSE(IpAddr::Parse(" 10.0.0.1"));
  CHECK_FALSE(IpAddr::Parse("10.0.0.1/24"));
  CHECK_FALSE(IpAddr::Parse(std::string_view("10.0.0.1\0", 9)));
  CHECK_FALSE(IpAddr::Parse("2001:db8::1", Family::kIpv4));
  CHECK(A("10.0.0.1") < A("10.0.0.2"));
  CHECK(A("255.255.255.255") < A("::"));  // family first
}

// libvirt reads IPv4 with getaddrinfo(AI_NUMERICHOST), that is glibc's
// inet_aton: a zero-padded group is octal. A provisioning template's
// 192.168.000.1 is 192.168.0.1; 010 is 8; 08 is no number at all.
TEST_CASE("zero-padded IPv4 groups read as libvirt (glibc) reads them") {
  CHECK(A("192.168.000.1").ToString() == "192.168.0.1");
  CHECK(A("010.000.001.001").ToString() == "8.0.1.1");
  CHECK(A("192.168.0377.1").ToString() == "192.168.255.1");
  CHECK_FALSE(IpAddr::Parse("192.168.08.1"));
  CHECK_FALSE(IpAddr::Parse("192.168.0400.1"));  // octal 256
  CHECK_FALSE(IpAddr::Parse("192.168.000.1.5"));
  CHECK_FALSE(IpAddr::Parse("192.168..1"));
  CHECK_FALSE(IpAddr::Parse("192.168.000.1", Family::kIpv6));
}

TEST_CASE("netmask contiguity and prefixes") {
  for (int p = 0; p <= 32; ++p) {
    CAPTURE(p);
    CHECK(vnet::PrefixFromNetmask(vnet::NetmaskFromPrefix(p)) == p);
  }
  CHECK(vnet::NetmaskFromPrefix(0).ToString() == "0.0.0.0");
  CHECK(vnet::NetmaskFromPrefix(17).ToString() == "255.255.128.0");
  CHECK(vnet::NetmaskFromPrefix(32).ToString() == "255.255.255.255");
  CHECK_FALSE(vnet::PrefixFromNetmask(A("255.255.255.1")));
  CHECK_FALSE(vnet::PrefixFromNetmask(A("0.255.255.255")));
  CHECK_FALSE(vnet::PrefixFromNetmask(A("ffff:ffff::")));  // IPv4 only
}

TEST_CASE("network and broadcast addresses") {
  CHECK(vnet::NetworkAddress(A("192.168.122.77"), 24).ToString() == "192.168.122.0");
  CHECK(vnet::BroadcastAddress(A("192.168.122.77"), 24).ToString() == "192.168.122.255");
  CHECK(vnet::NetworkAddress(A("10.1.2.3"), 0).ToString() == "0.0.0.0");
  CHECK(vnet::BroadcastAddress(A("10.1.2.3"), 32).ToString() == "10.1.2.3");
  CHECK(vnet::NetworkAddress(A("172.16.5.4"), 12).ToString() == "172.16.0.0");
  CHECK(vnet::BroadcastAddress(A("172.16.5.4"), 12).ToString() == "172.31.255.255");
  CHECK(vnet::NetworkAddress(A("2001:db8:1:2:3:4:5:6"), 64).ToString() == "2001:db8:1:2::");
  CHECK(vnet::NetworkAddress(A("2001:db8::1"), 127).ToString() == "2001:db8::");
  CHECK(vnet::BroadcastAddress(A("2001:db8::"), 120).ToString() == "2001:db8::ff");
}

TEST_CASE("subnet containment") {
  CHECK(vnet::InSubnet(A("192.168.122.200"), A("192.168.122.1"), 24));
  CHECK_FALSE(vnet::InSubnet(A("192.168.123.1"), A("192.168.122.1"), 24));
  CHECK(vnet::InSubnet(A("192.168.123.1"), A("192.168.122.1"), 23));
  CHECK(vnet::InSubnet(A("8.8.8.8"), A("10.0.0.1"), 0));
  CHECK_FALSE(vnet::InSubnet(A("10.0.0.2"), A("10.0.0.1"), 32));
  CHECK(vnet::InSubnet(A("2001:db8::ffff"), A("2001:db8::1"), 64));
  CHECK_FALSE(vnet::InSubnet(A("2001:db9::1"), A("2001:db8::1"), 32));
  CHECK_FALSE(vnet::InSubnet(A("::a00:1"), A("10.0.0.1"), 0));  // families differ
}

TEST_CASE("RangeSize") {
  CHECK(vnet::RangeSize(A("10.0.0.1"), A("10.0.0.1")) == 1);
  CHECK(vnet::RangeSize(A("192.168.122.2"), A("192.168.122.254")) == 253);
  CHECK(vnet::RangeSize(A("10.0.0.0"), A("10.0.255.255")) == 65536);
  CHECK(vnet::RangeSize(A("0.0.0.0"), A("255.255.255.255")) == 4294967296ULL);
  CHECK(vnet::RangeSize(A("10.0.0.2"), A("10.0.0.1")) == 0);
  CHECK(vnet::RangeSize(A("10.0.0.1"), A("2001:db8::1")) == 0);
  CHECK(vnet::RangeSize(A("2001:db8::"), A("2001:db8::ffff")) == 65536);
  CHECK(vnet::RangeSize(A("2001:db8::"), A("2001:db8::ffff:ffff:ffff:fffe")) == UINT64_MAX);
  CHECK(vnet::RangeSize(A("2001:db8::"), A("2001:db8::ffff:ffff:ffff:ffff")) == UINT64_MAX);
  CHECK(vnet::RangeSize(A("2001:db8::"), A("2001:db8::fffe:ffff:ffff:ffff")) ==
        0xffff000000000000ULL);
  CHECK(vnet::RangeSize(A("::"), A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")) == UINT64_MAX);
}

TEST_CASE("AddToAddress") {
  CHECK(vnet::AddToAddress(A("192.168.122.1"), 1).ToString() == "192.168.122.2");
  CHECK(vnet::AddToAddress(A("192.168.122.255"), 1).ToString() == "192.168.123.0");
  CHECK(vnet::AddToAddress(A("10.0.0.0"), 65536).ToString() == "10.1.0.0");
  CHECK(vnet::AddToAddress(A("255.255.255.255"), 1).ToString() == "0.0.0.0");  // wraps
  CHECK(vnet::AddToAddress(A("2001:db8::ffff:ffff:ffff:ffff"), 1).ToString() == "2001:db8:0:1::");
  CHECK(vnet::AddToAddress(A("2001:db8::"), 0).ToString() == "2001:db8::");
}

TEST_CASE("ClassfulPrefix") {
  CHECK(vnet::ClassfulPrefix(A("10.0.0.1")) == 8);
  CHECK(vnet::ClassfulPrefix(A("127.255.0.1")) == 8);
  CHECK(vnet::ClassfulPrefix(A("128.0.0.1")) == 16);
  CHECK(vnet::ClassfulPrefix(A("172.16.0.1")) == 16);
  CHECK(vnet::ClassfulPrefix(A("192.168.122.1")) == 24);
  CHECK(vnet::ClassfulPrefix(A("223.255.255.1")) == 24);
  CHECK(vnet::ClassfulPrefix(A("0.0.0.0")) == 0);  // libvirt: the default route
  CHECK_FALSE(vnet::ClassfulPrefix(A("224.0.0.1")));
  CHECK_FALSE(vnet::ClassfulPrefix(A("240.0.0.1")));
  CHECK_FALSE(vnet::ClassfulPrefix(A("2001:db8::1")));
}

TEST_CASE("MAC parse and format") {
  auto m = MacAddr::Parse("52:54:00:AB:cd:01");
  REQUIRE(m);
  CHECK(m->ToString() == "52:54:00:ab:cd:01");
  CHECK(MacAddr::Parse("52:54:0:a:b:c")->ToString() == "52:54:00:0a:0b:0c");  // as libvirt
  CHECK(MacAddr::Parse("52:54:00:00:00:01 ").has_value());
  CHECK_FALSE(MacAddr::Parse(""));
  CHECK_FALSE(MacAddr::Parse("52:54:00:00:00"));
  CHECK_FALSE(MacAddr::Parse("52:54:00:00:00:01:02"));
  CHECK_FALSE(MacAddr::Parse("52-54-00-00-00-01"));
  CHECK_FALSE(MacAddr::Parse("52:54:00:00:00:001"));
  CHECK_FALSE(MacAddr::Parse("52:54:00:00:00:0g"));
  CHECK_FALSE(MacAddr::Parse("52:54::00:00:01"));
  CHECK_FALSE(MacAddr::Parse(" 52:54:00:00:00:01"));
  CHECK_FALSE(MacAddr::Parse("52:54:00:00:00:01x"));
}

TEST_CASE("MAC classes") {
  CHECK(MacAddr::Parse("01:00:5e:00:00:01")->IsMulticast());
  CHECK(MacAddr::Parse("33:33:00:00:00:01")->IsMulticast());
  CHECK_FALSE(MacAddr::Parse("52:54:00:00:00:01")->IsMulticast());
  CHECK(MacAddr::Parse("ff:ff:ff:ff:ff:ff")->IsBroadcast());
  CHECK(MacAddr::Parse("ff:ff:ff:ff:ff:ff")->IsMulticast());
  CHECK_FALSE(MacAddr::Parse("ff:ff:ff:ff:ff:fe")->IsBroadcast());
  CHECK(MacAddr::Parse("00:00:00:00:00:00")->IsZero());
  CHECK_FALSE(MacAddr::Parse("00:00:00:00:00:01")->IsZero());
}

TEST_CASE("UUID parse and format") {
  const char* canonical = "81ff0d90-c91e-6742-64da-4a736edb9a9b";
  auto u = Uuid::Parse(canonical);
  REQUIRE(u);
  CHECK(u->ToString() == canonical);
  CHECK(Uuid::Parse("81FF0D90C91E674264DA4A736EDB9A9B")->ToString() == canonical);
  CHECK(Uuid::Parse("\n  81ff0d90-c91e-6742-64da-4a736edb9a9b\n")->ToString() == canonical);
  CHECK(Uuid::Parse("81 ff 0d 90 c9 1e 67 42 64 da 4a 73 6e db 9a 9b")->ToString() == canonical);
  CHECK(Uuid::Parse("81-ff0d90c91e674264da4a736edb9a9b")->ToString() == canonical);
  CHECK_FALSE(Uuid::Parse(""));
  CHECK_FALSE(Uuid::Parse("81ff0d90-c91e-6742-64da-4a736edb9a9"));    // 31 digits
  CHECK_FALSE(Uuid::Parse("81ff0d90-c91e-6742-64da-4a736edb9a9b0"));  // 33 digits
  CHECK_FALSE(Uuid::Parse("81ff0d90-c91e-6742-64da-4a736edb9a9g"));
  CHECK_FALSE(Uuid::Parse("8-1ff0d90c91e674264da4a736edb9a9b"));  // dash inside a pair
  CHECK_FALSE(Uuid::Parse("{81ff0d90-c91e-6742-64da-4a736edb9a9b}"));
}

TEST_CASE("random UUIDs are version 4 and differ") {
  Uuid a = Uuid::Random(), b = Uuid::Random();
  CHECK(a != b);
  CHECK((a.bytes[6] >> 4) == 4);
  CHECK((a.bytes[8] & 0xc0) == 0x80);
  CHECK(Uuid::Parse(a.ToString()) == a);
}
