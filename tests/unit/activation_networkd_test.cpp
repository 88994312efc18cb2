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

TEST_CASE("netplan activation: the generator on this network's YAML alone; never netplan apply") {
  NetplanBackend b;
  Network net = Parse(kDefaultXml);
  const std::string scratch = "/run/vnetctl/netplan/default";
  const std::string gen = scratch + "/run/systemd/network/10-netplan-virbr0";
  for (Placement p : {Placement::kRuntime, Placement::kPersistent}) {
    CAPTURE(static_cast<int>(p));
    const std::string yaml = (p == Placement::kRuntime ? "/run/netplan" : "/etc/netplan") +
                             std::string("/90-vnetctl-default.yaml");
    // Only this bridge's files reach /run/systemd/network: a whole `netplan
    // generate` would rewrite the host's own netplan files, and networkd's
    // reload would then reconfigure the host's links.
    CHECK(b.Up(net, p) ==
          Commands{Cmd({"rm", "-rf", scratch}),
                   Cmd({"/lib/netplan/generate", "--root-dir", scratch, yaml}),
                   Cmd({"mkdir", "-p", "/run/systemd/network"}),
                   Cmd({"cp", gen + ".netdev", gen + ".network", "/run/systemd/network/"}),
                   Cmd({"rm", "-rf", scratch}), Cmd({"networkctl", "reload"}),
                   Cmd({"networkctl", "reconfigure", "virbr0"})});
    CHECK(b.Down(net, p) == Commands{Cmd({"networkctl", "down", "virbr0"}, true)});
    CHECK(b.Forget(net, p) ==
          Commands{Cmd({"rm", "-f", "/run/systemd/network/10-netplan-virbr0.netdev",
                        "/run/systemd/network/10-netplan-virbr0.network"}),
                   Cmd({"networkctl", "reload"}), Cmd({"networkctl", "delete", "virbr0"}, true)});
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
