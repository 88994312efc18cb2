// networkd and netplan activation: the exact commands per placement.
#include <doctest/doctest.h>

#include "activation_test_util.h"
#include "backends/netplan/netplan_backend.h"
#include "backends/networkd/networkd_backend.h"

namespace vnet {
namespace {

using activation_test::Cmd;
using activation_test::kDefaultXml;
using activation_test::kHostBridgeXml;
using activation_test::Parse;

TEST_CASE("networkd activation: reload, and reconfigure to re-apply to a live bridge") {
  NetworkdBackend b;
  Network net = Parse(kDefaultXml);
  for (Placement p : {Placement::kRuntime, Placement::kPersistent}) {
    CAPTURE(static_cast<int>(p));
    CHECK(b.Up(net, p) ==
          Commands{Cmd({"networkctl", "reload"}), Cmd({"networkctl", "reconfigure", "virbr0"})});
    CHECK(b.Down(net, p) == Commands{Cmd({"networkctl", "down", "virbr0"}, true)});
    CHECK(b.Forget(net, p) ==
          Commands{Cmd({"networkctl", "reload"}), Cmd({"networkctl", "delete", "virbr0"}, true)});
  }
  CHECK_FALSE(b.RunsCompanions());
  CHECK_FALSE(b.ReapplyNeedsDown());
}

TEST_CASE("netplan activation: generate, then as networkd; never netplan apply") {
  NetplanBackend b;
  Network net = Parse(kDefaultXml);
  for (Placement p : {Placement::kRuntime, Placement::kPersistent}) {
    CAPTURE(static_cast<int>(p));
    CHECK(b.Up(net, p) == Commands{Cmd({"netplan", "generate"}), Cmd({"networkctl", "reload"}),
                                   Cmd({"networkctl", "reconfigure", "virbr0"})});
    CHECK(b.Down(net, p) == Commands{Cmd({"networkctl", "down", "virbr0"}, true)});
    CHECK(b.Forget(net, p) == Commands{Cmd({"netplan", "generate"}), Cmd({"networkctl", "reload"}),
                                       Cmd({"networkctl", "delete", "virbr0"}, true)});
  }
  CHECK_FALSE(b.RunsCompanions());
  CHECK_FALSE(b.ReapplyNeedsDown());
}

TEST_CASE("networkd and netplan activation: nothing for a network onto a host bridge") {
  Network net = Parse(kHostBridgeXml);
  const Backend* backends[] = {new NetworkdBackend, new NetplanBackend};
  for (const Backend* b : backends) {
    CAPTURE(b->Name());
    CHECK(b->Up(net, Placement::kRuntime).empty());
    CHECK(b->Down(net, Placement::kRuntime).empty());
    CHECK(b->Forget(net, Placement::kRuntime).empty());
    delete b;
  }
}

}  // namespace
}  // namespace vnet
