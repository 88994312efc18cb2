#include "core/net/address.h"

#include <doctest/doctest.h>

using vnet::IpAddr;

TEST_CASE("IPv4 netmask and prefix round trip") {
  auto mask = IpAddr::Parse("255.255.255.0");
  REQUIRE(mask);
  CHECK(vnet::PrefixFromNetmask(*mask) == 24);
  CHECK(vnet::NetmaskFromPrefix(24).ToString() == "255.255.255.0");
  CHECK_FALSE(vnet::PrefixFromNetmask(*IpAddr::Parse("255.0.255.0")));
}
