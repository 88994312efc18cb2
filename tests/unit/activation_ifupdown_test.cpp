// ifupdown activation: ifup/ifdown on the network's own file, per placement.
#include <doctest/doctest.h>

#include "activation_test_util.h"
#include "backends/ifupdown/ifupdown_backend.h"

namespace vnet {
namespace {

using activation_test::Cmd;
using activation_test::kDefaultXml;
using activation_test::kHostBridgeXml;
using activation_test::Parse;
using activation_test::Renders;

TEST_CASE("ifupdown activation: ifup -i / ifdown --force -i on the rendered file") {
  IfupdownBackend b;
  Network net = Parse(kDefaultXml);
  struct {
    Placement placement;
    const char* path;
  } cases[] = {
      {Placement::kRuntime, "/run/vnetctl/ifupdown/default.interfaces"},
      {Placement::kPersistent, "/etc/network/interfaces.d/vnetctl-default"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.path);
    CHECK(Renders(b, net, c.placement, c.path));
    CHECK(b.Up(net, c.placement) == Commands{Cmd({"ifup", "-i", c.path, "virbr0"})});
    CHECK(b.Down(net, c.placement) == Commands{Cmd({"ifdown", "--force", "-i", c.path, "virbr0"})});
    CHECK(b.Forget(net, c.placement) ==
          Commands{{{"rm", "-f", "/run/network/ifstate.virbr0"}, /*may_fail=*/true}});
  }
  CHECK(b.RunsCompanions());
  CHECK(b.ReapplyNeedsDown());
}

TEST_CASE("ifupdown activation: nothing for a network onto a host bridge") {
  IfupdownBackend b;
  Network net = Parse(kHostBridgeXml);
  CHECK(b.Up(net, Placement::kRuntime).empty());
  CHECK(b.Down(net, Placement::kRuntime).empty());
}

}  // namespace
}  // namespace vnet
