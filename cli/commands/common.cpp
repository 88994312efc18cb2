#include "cli/commands/common.h"

#include <net/if.h>
#include <unistd.h>

#include <fstream>
#include <functional>

#include "backends/detect.h"
#include "backends/probe_cache.h"
#include "backends/registry.h"
#include "core/exec/command_runner.h"
#include "core/io/read_input.h"
#include "core/store/default_network.h"
#include "core/xml/parse.h"

namespace vnet::cli {

namespace {

// After a reboot an autostarted network is active when the manager brought
// its bridge up (a bridge, administratively up), as sysfs shows it: no
// netlink dump for the few names asked about, and it needs no root.
std::function<bool(const std::string&)> HostBridgeUp(const Context& ctx) {
  if (!ctx.OnHostRoot()) return {};
  return [](const std::string& bridge) {
    if (bridge.empty() || bridge.find('/') != std::string::npos || bridge[0] == '.') return false;
    const std::string dir = "/sys/class/net/" + bridge;
    if (access((dir + "/bridge").c_str(), F_OK) != 0) return false;
    std::ifstream flags(dir + "/flags");
    unsigned long value = 0;
    flags >> std::hex >> value;
    return flags && (value & IFF_UP) != 0;
  };
}

}  // namespace

Result<Store> OpenStore(const Context& ctx, bool lock) {
  StoreOptions options;
  options.root = ctx.root;
  options.parser = &xml::ParseNetwork;
  options.seed = &DefaultDefinitions;
  options.lock = lock;
  options.came_up = HostBridgeUp(ctx);
  return Store::Open(std::move(options));
}

LinkProbe HostLinkProbe(const Context& ctx) {
  if (!ctx.OnHostRoot()) return {};
  return [](const std::string& name) {
    const std::string path = "/sys/class/net/" + name;
    return access(path.c_str(), F_OK) == 0;
  };
}

Result<std::string> ReadDocument(const Context& ctx, const std::string& path) {
  return io::ReadInput(path, ctx.in, xml::kMaxXmlBytes);
}

std::string ProbeCacheFile(const Context& ctx) {
  return ctx.OnHostRoot() && geteuid() == 0 ? "/run/vnetctl/probes" : "";
}

Output WithWarnings(Output out, const Store& store) {
  out.warnings.insert(out.warnings.end(), store.Warnings().begin(), store.Warnings().end());
  return out;
}

// Picks the backend and the versions Render may rely on. Under --root the
// host is not probed: the files must suit the image, not this machine.
Result<std::pair<const Backend*, Caps>> ResolveBackend(const Context& ctx, Placement placement) {
  Caps caps;
  caps.placement = placement;
  if (!ctx.OnHostRoot()) {
    const Backend* b = FindBackend(ctx.backend);
    if (!b) {
      return MakeError(ErrorKind::kUsage,
                       "under --root, --backend is required: the files must suit the image, not "
                       "this host (one of " +
                           BackendNames() + ")");
    }
    return std::make_pair(b, caps);
  }
  SystemCommandRunner runner;
  SystemHostProbe uncached(runner);
  CachingHostProbe probe(uncached, ProbeCacheFile(ctx));
  VNET_ASSIGN_OR_RETURN(BackendChoice choice, ChooseBackend(ctx.backend, probe));
  if (!choice.chosen) return MakeError(ErrorKind::kUnavailable, choice.reason);
  for (const auto& r : choice.reports) {
    if (r.backend == choice.chosen) caps.manager = r.availability.version;
  }
  caps.dnsmasq = DetectDnsmasq(probe);
  return std::make_pair(choice.chosen, caps);
}

}  // namespace vnet::cli
