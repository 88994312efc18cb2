// netplan (0.106) with renderer networkd: `netplan generate` turns every YAML
// file into networkd files under /run/systemd/network (and removes those of
// a YAML file that is gone), then networkd is told as for the networkd
// backend. Never `netplan apply`: it reconfigures every interface of the
// host and deletes virtual links it does not know.
#include "backends/networkd/activate.h"

#include "backends/netplan/netplan_backend.h"

namespace vnet {

namespace {

Commands Generate() { return {{{"netplan", "generate"}}}; }

Commands Concat(Commands a, const Commands& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

// generate reads /run/netplan and /etc/netplan alike: the placement changes
// nothing. A network onto a host bridge has no file.
Commands NetplanBackend::Up(const Network& net, Placement /*placement*/) const {
  if (!net.HasManagedBridge()) return {};
  return Concat(Generate(), NetworkdUp(net.BridgeName()));
}

Commands NetplanBackend::Down(const Network& net, Placement /*placement*/) const {
  return net.HasManagedBridge() ? NetworkdDown(net.BridgeName()) : Commands{};
}

Commands NetplanBackend::Forget(const Network& net, Placement /*placement*/) const {
  if (!net.HasManagedBridge()) return {};
  return Concat(Generate(), NetworkdForget(net.BridgeName()));
}

}  // namespace vnet
