#include "backends/networkmanager/activate.h"

#include "backends/networkmanager/networkmanager_backend.h"
#include "backends/networkmanager/render.h"

namespace vnet {

namespace {

constexpr const char* kNmcli = "nmcli";

// The uuid is the profile's identity (connection.uuid in the keyfile): the id
// could be shared by a profile the user made.
std::string ConnectionUuid(const Network& net) {
  return NetworkManagerConnectionUuid(net).ToString();
}

// Both placements' paths: NetworkManager (re)reads the network's keyfile and
// forgets a copy it saved at the other one (Rendering::manager_copies) that
// vnetctl removed; else it keeps that copy in memory, and it takes over when
// the network's own file goes.
ActivationCommand Load(const Network& net, Placement placement) {
  return {{kNmcli, "connection", "load", NetworkManagerKeyfilePath(net.name, placement),
           NetworkManagerKeyfilePath(net.name, OtherPlacement(placement))}};
}

}  // namespace

Commands NetworkManagerReapply(const Network& net, Placement placement) {
  if (!net.HasManagedBridge()) return {};
  return {Load(net, placement), {{kNmcli, "device", "reapply", net.BridgeName()}}};
}

// A network onto a host bridge has no keyfile, hence no commands.
Commands NetworkManagerBackend::Up(const Network& net, Placement placement) const {
  if (!net.HasManagedBridge()) return {};
  return {Load(net, placement), {{kNmcli, "connection", "up", "uuid", ConnectionUuid(net)}}};
}

// Not active (already down, or taken down by hand) is fine.
Commands NetworkManagerBackend::Down(const Network& net, Placement /*placement*/) const {
  if (!net.HasManagedBridge()) return {};
  return {{{kNmcli, "connection", "down", "uuid", ConnectionUuid(net)}, /*may_fail=*/true}};
}

// Loading the removed file makes NetworkManager drop the profile (and delete
// the bridge, were it still active).
Commands NetworkManagerBackend::Forget(const Network& net, Placement placement) const {
  if (!net.HasManagedBridge()) return {};
  return {Load(net, placement)};
}

}  // namespace vnet

namespace vnet {

Commands NetworkManagerBackend::Reapply(const Network& net, Placement placement) const {
  return NetworkManagerReapply(net, placement);
}

}  // namespace vnet
