#include "cli/commands/live_common.h"

#include <unistd.h>

#include <cstdlib>
#include <map>

#include "backends/detect.h"
#include "backends/probe_cache.h"
#include "backends/registry.h"
#include "cli/commands/common.h"
#include "core/exec/command_runner.h"
#include "core/live/snapshot_reader.h"
#include "core/store/define_network.h"
#include "core/validate/libvirt_error.h"

namespace vnet::cli {

Result<std::unique_ptr<LiveSession>> LiveSession::Open(const Context& ctx, bool dry_run) {
  if (!ctx.OnHostRoot()) {
    return MakeError(ErrorKind::kUsage,
                     "this command changes the live host and cannot run under --root; use "
                     "`render --output DIR` to prepare an image");
  }
  if (geteuid() != 0) {
    return MakeError(ErrorKind::kPermission,
                     "this command reads and changes the live host and must run as root");
  }
  std::unique_ptr<LiveSession> s(new LiveSession());
  s->dry_run_ = dry_run;
  if (dry_run) {
    s->runner_ = std::make_unique<RecordingCommandRunner>();
    s->writer_ = std::make_unique<apply::RecordingHostWriter>();
  } else {
    s->runner_ = std::make_unique<SystemCommandRunner>(ctx.verbose);
    s->writer_ = apply::MakeSystemHostWriter("/");
  }
  s->reader_ = live::MakeSystemHostReader("/");
  // A dry run changes nothing, so the host it reads stays as it was: each
  // question is asked once however many networks it goes through.
  if (dry_run) s->reader_ = live::MakeSnapshotHostReader(std::move(s->reader_));
  s->env_ = std::make_unique<apply::Env>(
      apply::Env{*s->runner_, *s->reader_, *s->writer_, dry_run, "", std::chrono::seconds(30)});
  if (const char* f = std::getenv("VNETCTL_FAULT")) s->env_->fault = f;
  if (const char* t = std::getenv("VNETCTL_SETTLE_TIMEOUT")) {
    s->env_->settle = std::chrono::milliseconds(static_cast<long>(std::atof(t) * 1000));
  }
  return s;
}

std::string LiveSession::Recorded() const {
  std::string out;
  if (auto* w = dynamic_cast<apply::RecordingHostWriter*>(writer_.get())) {
    for (const std::string& a : w->actions) out += "  " + a + "\n";
  }
  if (auto* r = dynamic_cast<RecordingCommandRunner*>(runner_.get())) {
    for (const auto& argv : r->commands) out += "  [#] " + FormatCommandLine(argv) + "\n";
  }
  return out;
}

Result<std::optional<plan::NetworkStatus>> LoadStatus(const Store& store, const std::string& name) {
  VNET_ASSIGN_OR_RETURN(std::optional<std::string> text, store.ReadStatus(name));
  if (!text) return std::optional<plan::NetworkStatus>();
  VNET_ASSIGN_OR_RETURN(plan::NetworkStatus s,
                        plan::StatusFromJson(*text, "/run/vnetctl/networks/" + name + ".json"));
  return std::optional<plan::NetworkStatus>(std::move(s));
}

namespace {

// The backend `requested` names (or auto's choice) with its detected version,
// and dnsmasq's version. Detection runs version commands (networkctl
// --version, dpkg-query, ...): a named backend is the only one probed (auto
// has to compare them all), and each answer is kept for the rest of the
// process, which may go through many networks (diff of every active one).
struct Detected {
  const Backend* backend = nullptr;
  std::optional<Version> manager;
};

Result<Detected> DetectBackend(const std::string& requested, const HostProbe& probe) {
  static std::map<std::string, Detected> known;
  if (auto it = known.find(requested); it != known.end()) return it->second;
  Detected d;
  const Backend* named =
      requested == "auto" || requested.empty() ? nullptr : FindBackend(requested);
  if (named) {
    d = {named, named->Detect(probe).version};
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

Result<BackendFor> ResolveLiveBackend(const Context& ctx, const plan::NetworkStatus* status,
                                      bool autostart, bool dry_run) {
  SystemCommandRunner runner;
  SystemHostProbe uncached(runner);
  CachingHostProbe probe(uncached, ProbeCacheFile(ctx), /*save=*/!dry_run);
  std::string requested = ctx.backend;
  if (status) {
    if (requested != "auto" && !requested.empty() && requested != status->backend) {
      return LibvirtError(LibvirtCode::kOperationInvalid,
                          "network '" + status->name + "' is active through " + status->backend +
                              "; destroy it first");
    }
    requested = status->backend;
  }
  VNET_ASSIGN_OR_RETURN(Detected detected, DetectBackend(requested, probe));
  BackendFor out;
  out.backend = detected.backend;
  out.caps.manager = detected.manager;
  out.caps.dnsmasq = CachedDnsmasq(probe);
  out.caps.placement = autostart ? Placement::kPersistent : Placement::kRuntime;
  return out;
}

Result<std::vector<Network>> OtherActive(const Store& store, const std::string& name) {
  VNET_ASSIGN_OR_RETURN(std::vector<StoredNetwork> all, store.List());
  std::vector<Network> out;
  for (StoredNetwork& n : all) {
    if (n.active && n.name != name && n.live) out.push_back(std::move(*n.live));
  }
  return out;
}

// With its files under /etc the manager brings the network back at boot: the
// boot record (kept outside /run) says so after a reboot; under /run, nothing
// comes back and no boot record may claim it does.
Status RecordActive(const Store& store, const Network& net, const plan::NetworkStatus& status) {
  const Definition def = MakeDefinition(net);
  const std::string json = plan::StatusToJson(status);
  VNET_TRY(store.SetLive(def));
  VNET_TRY(store.WriteStatus(net.name, json));
  return store.SetBootRecord(def, status.placement == Placement::kPersistent ? json : "");
}

std::string PlanText(const Context& ctx, const plan::Plan& p) {
  return plan::FormatPlan(p, ctx.color);
}

}  // namespace vnet::cli
