#include "backends/networkd/activate.h"

#include "backends/networkd/networkd_backend.h"

namespace vnet {

namespace {

constexpr const char* kNetworkctl = "networkctl";

}  // namespace

Commands NetworkdUp(const std::string& bridge) {
  return {{{kNetworkctl, "reload"}}, {{kNetworkctl, "reconfigure", bridge}}};
}

Commands NetworkdDown(const std::string& bridge) {
  return {{{kNetworkctl, "down", bridge}, /*may_fail=*/true}};
}

Commands NetworkdForget(const std::string& bridge) {
  return {{{kNetworkctl, "reload"}}, {{kNetworkctl, "delete", bridge}, /*may_fail=*/true}};
}

// networkd reads /run/systemd/network and /etc/systemd/network alike, so the
// placement changes nothing. A network onto a host bridge has no files.
Commands NetworkdBackend::Up(const Network& net, Placement /*placement*/) const {
  return net.HasManagedBridge() ? NetworkdUp(net.BridgeName()) : Commands{};
}

Commands NetworkdBackend::Down(const Network& net, Placement /*placement*/) const {
  return net.HasManagedBridge() ? NetworkdDown(net.BridgeName()) : Commands{};
}

Commands NetworkdBackend::Forget(const Network& net, Placement /*placement*/) const {
  return net.HasManagedBridge() ? NetworkdForget(net.BridgeName()) : Commands{};
}

}  // namespace vnet
