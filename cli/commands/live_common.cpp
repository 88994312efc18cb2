#include "cli/commands/live_common.h"

#include <unistd.h>

#include <cstdlib>

#include "cli/commands/common.h"
#include "core/exec/command_runner.h"
#include "core/live/snapshot_reader.h"
#include "core/store/define_network.h"
#include "core/validate/libvirt_error.h"

namespace vnet::cli {

Result<std::unique_ptr<LiveSession>> LiveSession::Open(const Context& ctx, bool dry_run) {
  if (!ctx.OnHostRoot()) {
    // A refused operation, not a usage error: virsh fails such a command
    // with exit 1, and scripts tell a typo (64) from a refusal by the code.
    return LibvirtError(LibvirtCode::kOperationInvalid,
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

Result<std::optional<plan::NetworkStatus>> StoreRecords::LoadStatus(const std::string& name) const {
  return cli::LoadStatus(store_, name);
}

Result<std::vector<Network>> StoreRecords::OtherActive(const std::string& name) const {
  VNET_ASSIGN_OR_RETURN(std::vector<StoredNetwork> all, store_.List());
  std::vector<Network> out;
  for (StoredNetwork& n : all) {
    if (n.active && n.name != name && n.live) out.push_back(std::move(*n.live));
  }
  return out;
}

// With its files under /etc the manager brings the network back at boot: the
// boot record (kept outside /run) says so after a reboot; under /run, nothing
// comes back and no boot record may claim it does.
Status StoreRecords::RecordActive(const Network& net, const plan::NetworkStatus& status) const {
  const Definition def = MakeDefinition(net);
  const std::string json = plan::StatusToJson(status);
  VNET_TRY(store_.SetLive(def));
  VNET_TRY(store_.WriteStatus(net.name, json));
  return store_.SetBootRecord(def, status.placement == Placement::kPersistent ? json : "");
}

Status StoreRecords::ClearLive(const std::string& name) const { return store_.ClearLive(name); }

std::string PlanText(const Context& ctx, const plan::Plan& p) {
  return plan::FormatPlan(p, ctx.color);
}

}  // namespace vnet::cli
