#include "cli/commands/common.h"

#include <net/if.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <optional>

#include "backends/detect.h"
#include "backends/probe_cache.h"
#include "backends/registry.h"
#include "core/exec/command_runner.h"
#include "core/io/read_input.h"
#include "core/store/default_network.h"
#include "core/store/libvirt_boot_order.h"
#include "core/store/libvirt_kept.h"
#include "core/validate/libvirt_error.h"
#include "core/validate/validate.h"
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

Output WithNetworkWarnings(Output out, const Network& net, const Network* before) {
  std::vector<std::string> had;
  if (before) {
    for (const Error& e : NetworkWarnings(*before)) had.push_back(e.message);
  }
  for (Error& e : NetworkWarnings(net)) {
    if (std::find(had.begin(), had.end(), e.message) == had.end()) {
      out.warnings.push_back(std::move(e));
    }
  }
  return out;
}

namespace {

// The backend `requested` names (or auto's choice) with its detected version.
// Detection runs version commands (networkctl --version, dpkg-query, ...): a
// named backend is the only one probed (auto has to compare them all), and
// each answer is kept for the rest of the process, which may go through many
// networks (diff of every active one).
struct Detected {
  const Backend* backend = nullptr;
  std::optional<Version> manager;
  std::optional<std::string> unusable;
};

Result<Detected> DetectBackend(const std::string& requested, const HostProbe& probe) {
  static std::map<std::string, Detected> known;
  if (auto it = known.find(requested); it != known.end()) return it->second;
  Detected d;
  const Backend* named =
      requested == "auto" || requested.empty() ? nullptr : FindBackend(requested);
  if (named) {
    Availability a = named->Detect(probe);
    d = {named, a.version, a.unusable};
  } else {
    VNET_ASSIGN_OR_RETURN(BackendChoice choice, ChooseBackend(requested, probe));
    if (!choice.chosen) return MakeError(ErrorKind::kUnavailable, choice.reason);
    d.backend = choice.chosen;
    for (const auto& r : choice.reports) {
      if (r.backend == choice.chosen) d.manager = r.availability.version;
    }
  }
  known.emplace(requested, d);
  return d;
}

std::optional<Version> CachedDnsmasq(const HostProbe& probe) {
  static const std::optional<Version> version = DetectDnsmasq(probe);
  return version;
}

}  // namespace

Result<BackendFor> ResolveBackend(const Context& ctx, const BackendRequest& request) {
  BackendFor out;
  out.caps.placement = request.placement;
  if (!ctx.OnHostRoot()) {
    out.backend = FindBackend(ctx.backend);
    if (!out.backend) {
      return MakeError(ErrorKind::kUsage,
                       "under --root, --backend is required: the files must suit the image, not "
                       "this host (one of " +
                           BackendNames() + ")");
    }
    return out;
  }
  SystemCommandRunner runner;
  SystemHostProbe uncached(runner);
  CachingHostProbe probe(uncached, ProbeCacheFile(ctx), request.save_probes);
  std::string requested = ctx.backend;
  if (const plan::NetworkStatus* status = request.active) {
    if (requested != "auto" && !requested.empty() && requested != status->backend) {
      return LibvirtError(LibvirtCode::kOperationInvalid,
                          "network '" + status->name + "' is active through " + status->backend +
                              "; destroy it first");
    }
    requested = status->backend;
  }
  VNET_ASSIGN_OR_RETURN(Detected detected, DetectBackend(requested, probe));
  // A network already realized through a backend is still taken down or
  // repaired through it; only a new choice is refused.
  if (detected.unusable && !request.active) {
    return MakeError(ErrorKind::kUnavailable,
                     "backend " + std::string(detected.backend->Name()) +
                         " cannot work on this host: " + *detected.unusable);
  }
  out.backend = detected.backend;
  out.caps.manager = detected.manager;
  out.caps.dnsmasq = CachedDnsmasq(probe);
  return out;
}

namespace {

Status SyncLibvirtBootOrder(const Context& ctx, const Store& store) {
  VNET_ASSIGN_OR_RETURN(std::vector<std::string> kept, LibvirtKept(ctx.root).Names());
  std::vector<BootBridge> bridges;
  for (const std::string& name : kept) {
    auto net = store.LookupByName(name);
    if (!net.ok() || !net->autostart || !net->config) continue;
    const std::string& bridge = net->config->BridgeName();
    if (!bridge.empty()) bridges.push_back({name, bridge});
  }
  return LibvirtBootOrder(ctx.root).Write(bridges);
}

}  // namespace

Output WithLibvirtBootOrder(Output out, const Context& ctx, const Store& store) {
  Status synced = SyncLibvirtBootOrder(ctx, store);
  if (!synced.ok()) {
    Error e = synced.error();
    e.message = "libvirt's boot order after vnetctl's bridges was not updated: " + e.message;
    out.warnings.push_back(std::move(e));
  }
  return out;
}

}  // namespace vnet::cli
