// netplan (0.106) with renderer networkd: netplan's generator turns the
// network's YAML file into networkd files, then networkd is told as for the
// networkd backend. Never `netplan apply`: it reconfigures every interface
// of the host and deletes virtual links it does not know. Not a plain
// `netplan generate` either: it rewrites every netplan file under
// /run/systemd/network (new inode and mtime), and networkd's next reload
// reconfigures each link whose .network file changed that way, so the host's
// own netplan links lost and regained their addresses and routes at every
// start and destroy. So the generator runs on this network's YAML alone into
// a scratch root, and only this bridge's two files are copied into
// /run/systemd/network. At boot netplan's own systemd generator writes the
// same files from /etc/netplan.
#include "backends/networkd/activate.h"

#include <cstdlib>

#include "backends/netplan/netplan_backend.h"
#include "backends/netplan/render.h"

namespace vnet {

namespace {

constexpr const char* kNetworkdRunDir = "/run/systemd/network";
constexpr const char* kScratchParent = "/run/vnetctl/netplan/";

// netplan's generator, where `netplan generate` finds it.
std::string Generator() {
  const char* env = std::getenv("NETPLAN_GENERATE_PATH");
  return env != nullptr && *env != '\0' ? env : "/lib/netplan/generate";
}

std::vector<std::string> NetworkdFiles(const std::string& dir, const std::string& bridge) {
  return {dir + "/10-netplan-" + bridge + ".netdev", dir + "/10-netplan-" + bridge + ".network"};
}

Commands Generate(const Network& net, Placement placement) {
  const std::string scratch = kScratchParent + net.name;
  const std::string yaml = NetplanDir(placement) + "/90-vnetctl-" + net.name + ".yaml";
  std::vector<std::string> copy{"cp"};
  for (std::string& f : NetworkdFiles(scratch + kNetworkdRunDir, net.BridgeName())) {
    copy.push_back(std::move(f));
  }
  copy.push_back(std::string(kNetworkdRunDir) + "/");
  return {{{"rm", "-rf", scratch}},
          {{Generator(), "--root-dir", scratch, yaml}},
          {{"mkdir", "-p", kNetworkdRunDir}},
          {std::move(copy)},
          {{"rm", "-rf", scratch}}};
}

Commands RemoveGenerated(const Network& net) {
  std::vector<std::string> rm{"rm", "-f"};
  for (std::string& f : NetworkdFiles(kNetworkdRunDir, net.BridgeName()))
    rm.push_back(std::move(f));
  return {{std::move(rm)}};
}

Commands Concat(Commands a, const Commands& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

// A network onto a host bridge has no file.
Commands NetplanBackend::Up(const Network& net, Placement placement) const {
  if (!net.HasManagedBridge()) return {};
  return Concat(Generate(net, placement), NetworkdUp(net.BridgeName()));
}

Commands NetplanBackend::Down(const Network& net, Placement /*placement*/) const {
  return net.HasManagedBridge() ? NetworkdDown(net.BridgeName()) : Commands{};
}

Commands NetplanBackend::Forget(const Network& net, Placement /*placement*/) const {
  if (!net.HasManagedBridge()) return {};
  return Concat(RemoveGenerated(net), NetworkdForget(net.BridgeName()));
}

}  // namespace vnet
