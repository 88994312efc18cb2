// libvirt's start-time checks against a hand-made host state.
#include "core/apply/host_checks.h"

#include <doctest/doctest.h>

#include "core/xml/parse.h"

namespace vnet::apply {
namespace {

Network Parse(const std::string& text) {
  auto net = xml::ParseNetwork(text, "t.xml");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  return std::move(net).value();
}

Network Nat(const std::string& name, const std::string& bridge, const std::string& addr,
            const std::string& extra = "") {
  return Parse("<network><name>" + name + "</name><forward mode='nat'" + extra +
               "/><bridge name='" + bridge + "'/><ip address='" + addr +
               "' prefix='24'/></network>");
}

live::Route Connected(const char* dest, unsigned prefix, const char* dev) {
  live::Route r;
  r.dest = *IpAddr::Parse(dest);
  r.prefix = prefix;
  r.dev = dev;
  return r;
}

live::HostState Host() {
  live::HostState h;
  live::Link eth;
  eth.name = "eth0";
  h.links.push_back(eth);
  h.routes.push_back(Connected("192.0.2.0", 24, "eth0"));
  return h;
}

TEST_CASE("host checks: a free host passes") {
  CHECK(CheckHost(Nat("n", "virbr5", "10.5.0.1"), Host(), {}).ok());
}

TEST_CASE("host checks: libvirt's messages") {
  SUBCASE("subnet routed on another interface") {
    auto s = CheckHost(Nat("n", "virbr5", "192.0.2.1"), Host(), {});
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message == "internal error: Network is already in use by interface eth0");
  }
  SUBCASE("another active network with the same bridge") {
    auto s = CheckHost(Nat("n", "virbr5", "10.5.0.1"), Host(), {Nat("m", "virbr5", "10.6.0.1")});
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message == "internal error: bridge name 'virbr5' already in use.");
  }
  SUBCASE("another active network with the same subnet") {
    auto s = CheckHost(Nat("n", "virbr5", "10.5.0.1"), Host(), {Nat("m", "virbr6", "10.5.0.9")});
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message == "internal error: Network is already in use by interface virbr6");
  }
  SUBCASE("a bridge name taken by a device vnetctl does not own") {
    live::HostState h = Host();
    live::Link br;
    br.name = "virbr5";
    br.kind = "bridge";
    h.links.push_back(br);
    auto s = CheckHost(Nat("n", "virbr5", "10.5.0.1"), h, {});
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.find("vnetctl does not own") != std::string::npos);
  }
  SUBCASE("a forward dev that does not exist") {
    auto s = CheckHost(Nat("n", "virbr5", "10.5.0.1", " dev='eth9'"), Host(), {});
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message == "Cannot get interface MTU on 'eth9': No such device");
    CHECK(CheckHost(Nat("n", "virbr5", "10.5.0.1", " dev='eth0'"), Host(), {}).ok());
  }
}

}  // namespace
}  // namespace vnet::apply
