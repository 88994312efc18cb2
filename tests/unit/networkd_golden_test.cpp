// The golden inputs, parsed by the real XML parser, render exactly as the
// networks the render tests build in C++: the tests above hold for XML too.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "backends/netplan/render.h"
#include "backends/networkd/render.h"
#include "core/xml/parse.h"
#include "networkd_test_networks.h"

namespace vnet {
namespace {

Network ParseGolden(const std::string& name) {
  const std::string path = std::string(VNET_SOURCE_DIR) + "/tests/golden/" + name + "/input.xml";
  std::ifstream in(path);
  if (!in) FAIL("missing golden input " << path);
  std::stringstream text;
  text << in.rdbuf();
  Result<Network> net = xml::ParseNetwork(text.str(), path);
  if (!net.ok()) FAIL("cannot parse " << path << ": " << net.error().Format());
  return std::move(net).value();
}

void CheckSame(const Result<Rendering>& a, const Result<Rendering>& b) {
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(a->files.size() == b->files.size());
  for (size_t i = 0; i < a->files.size(); ++i) {
    CHECK(a->files[i].path == b->files[i].path);
    CHECK(a->files[i].content == b->files[i].content);
    CHECK(a->files[i].mode == b->files[i].mode);
  }
  CHECK(a->warnings == b->warnings);
}

TEST_CASE("networkd/netplan: golden XML inputs render as their C++ twins") {
  struct Case {
    const char* golden;
    Network (*build)();
  };
  Caps caps;
  caps.manager = Version{252, 0, 0};
  for (const Case& c : {Case{"default", testnet::Default}, Case{"isolated", testnet::Isolated},
                        Case{"open", testnet::Open}, Case{"mtu-9000", testnet::Jumbo},
                        Case{"bridge-br0", testnet::HostBridge}}) {
    CAPTURE(c.golden);
    Network parsed = ParseGolden(c.golden);
    CheckSame(RenderNetworkdNative(parsed, caps), RenderNetworkdNative(c.build(), caps));
    CheckSame(RenderNetplanNative(parsed, caps), RenderNetplanNative(c.build(), caps));
  }
}

TEST_CASE("networkd: golden routed input renders its route with libvirt's metric") {
  Result<Rendering> r = RenderNetworkdNative(ParseGolden("routed"), Caps{});
  REQUIRE(r.ok());
  REQUIRE(r->files.size() == 2);
  CHECK(r->files[0].content.find("[Bridge]\nSTP=no\nForwardDelaySec=5\n") != std::string::npos);
  CHECK(r->files[1].content.find("\n[Route]\nDestination=192.168.222.0/24\nGateway=192.168.122.10\n"
                                 "Metric=5\n") != std::string::npos);
}

TEST_CASE("networkd: golden dual-stack input keeps IPv6 on the bridge") {
  Result<Rendering> r = RenderNetworkdNative(ParseGolden("ipv6-dual"), Caps{});
  REQUIRE(r.ok());
  REQUIRE(r->files.size() == 2);
  CHECK(r->files[1].content ==
        "# vnetctl network 'dual': generated, do not edit\n\n"
        "[Match]\nName=virbr7\n\n"
        "[Link]\nRequiredForOnline=no\n\n"
        "[Network]\nAddress=192.168.107.1/24\nConfigureWithoutCarrier=yes\n"
        "IgnoreCarrierLoss=yes\nLinkLocalAddressing=ipv6\nIPv6AcceptRA=no\n\n"
        "[Address]\nAddress=fd00:107::1/64\nDuplicateAddressDetection=none\n");
}

}  // namespace
}  // namespace vnet
