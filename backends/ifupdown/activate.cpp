// ifupdown 0.8.41 (+ bridge-utils) on the network's own interfaces file,
// never the host's /etc/network/interfaces: `ifup -i FILE BR`. Verified in a
// network namespace (tests/native/activation.sh):
//   * ifup creates its state directory /run/network itself;
//   * ifup on an interface it has marked configured does nothing (exit 0),
//     hence ReapplyNeedsDown;
//   * a failing hook leaves the interface unmarked, and plain ifdown then
//     does nothing ("not configured"): Down uses --force, which runs every
//     down command (stopping dnsmasq, deleting the table and the bridge),
//     ignores the ones that fail and exits 0, also when nothing is up.
#include "backends/ifupdown/ifupdown_backend.h"
#include "backends/ifupdown/render.h"

namespace vnet {

Commands IfupdownBackend::Up(const Network& net, Placement placement) const {
  if (!net.HasManagedBridge()) return {};
  return {{{"ifup", "-i", IfupdownFilePath(net.name, placement), net.BridgeName()}}};
}

Commands IfupdownBackend::Down(const Network& net, Placement placement) const {
  if (!net.HasManagedBridge()) return {};
  return {{{"ifdown", "--force", "-i", IfupdownFilePath(net.name, placement), net.BridgeName()}}};
}

Commands IfupdownBackend::Forget(const Network& net, Placement /*placement*/) const {
  if (!net.HasManagedBridge()) return {};
  // ifdown leaves an empty per-interface record behind (ifupdown 0.8 keeps
  // one file per interface in its state directory); a network that is gone
  // leaves nothing.
  return {{{"rm", "-f", "/run/network/ifstate." + net.BridgeName()}, /*may_fail=*/true}};
}

}  // namespace vnet
