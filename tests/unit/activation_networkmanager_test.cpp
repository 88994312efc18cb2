// NetworkManager activation: the exact commands per placement, naming the
// profile by the uuid its keyfile carries.
#include <doctest/doctest.h>

#include "activation_test_util.h"
#include "backends/networkmanager/activate.h"
#include "backends/networkmanager/networkmanager_backend.h"

namespace vnet {
namespace {

using activation_test::Cmd;
using activation_test::kDefaultXml;
using activation_test::kHostBridgeXml;
using activation_test::Parse;
using activation_test::Renders;

constexpr const char* kUuid = "2a1617f7-4674-5e3e-afa8-142cac1e2ff8";  // golden keyfile's uuid=

TEST_CASE("networkmanager activation: load the keyfile, up by uuid") {
  NetworkManagerBackend b;
  Network net = Parse(kDefaultXml);
  constexpr const char* kRun =
      "/run/NetworkManager/system-connections/vnetctl-default.nmconnection";
  constexpr const char* kEtc =
      "/etc/NetworkManager/system-connections/vnetctl-default.nmconnection";
  // The keyfile's path first, then the other placement's, where NetworkManager
  // may have saved a copy (forgotten once vnetctl removed it).
  struct {
    Placement placement;
    const char* path;
    const char* copy;
  } cases[] = {{Placement::kRuntime, kRun, kEtc}, {Placement::kPersistent, kEtc, kRun}};
  for (const auto& c : cases) {
    CAPTURE(c.path);
    CHECK(Renders(b, net, c.placement, c.path));
    ActivationCommand load = Cmd({"nmcli", "connection", "load", c.path, c.copy});
    CHECK(b.Up(net, c.placement) ==
          Commands{load, Cmd({"nmcli", "connection", "up", "uuid", kUuid})});
    CHECK(b.Down(net, c.placement) ==
          Commands{Cmd({"nmcli", "connection", "down", "uuid", kUuid}, true)});
    CHECK(b.Forget(net, c.placement) == Commands{load});
    CHECK(NetworkManagerReapply(net, c.placement) ==
          Commands{load, Cmd({"nmcli", "device", "reapply", "virbr0"})});
  }
  CHECK_FALSE(b.RunsCompanions());
  CHECK_FALSE(b.ReapplyNeedsDown());
}

TEST_CASE("networkmanager activation: the uuid is the one in the rendered keyfile") {
  NetworkManagerBackend b;
  Network net = Parse(kDefaultXml);
  Result<Rendering> r = b.Render(net, Caps{});
  REQUIRE(r.ok());
  REQUIRE(!r->files.empty());
  const std::string& keyfile = r->files.front().content;
  REQUIRE(keyfile.find("\nuuid=") != std::string::npos);
  std::string uuid = keyfile.substr(keyfile.find("\nuuid=") + 6, 36);
  Commands up = b.Up(net, Placement::kPersistent);
  REQUIRE(up.size() == 2);
  CHECK(up[1].argv.back() == uuid);
}

TEST_CASE("networkmanager activation: nothing for a network onto a host bridge") {
  NetworkManagerBackend b;
  Network net = Parse(kHostBridgeXml);
  CHECK(b.Up(net, Placement::kRuntime).empty());
  CHECK(b.Down(net, Placement::kRuntime).empty());
  CHECK(b.Forget(net, Placement::kRuntime).empty());
  CHECK(NetworkManagerReapply(net, Placement::kRuntime).empty());
}

}  // namespace
}  // namespace vnet
