#include "core/engine/realize.h"

#include <optional>

#include "core/apply/host_checks.h"

namespace vnet::engine {

namespace {

// What a live command asks the resolver for: files under /etc for an
// autostarted network, the backend of the active one, no probe cache written
// by a dry run.
BackendRequest LiveRequest(const Engine& e, bool autostart, const plan::NetworkStatus* active) {
  return {autostart ? Placement::kPersistent : Placement::kRuntime, active, !e.env.dry_run};
}

// libvirt's checks for a network that is not active yet: its bridge and
// addresses collide with nothing on the host or in the other active networks.
Status CheckFirstStart(Engine& e, const Network& target, const BackendFor& bf) {
  VNET_ASSIGN_OR_RETURN(std::vector<Network> others, e.records.OtherActive(target.name));
  VNET_ASSIGN_OR_RETURN(live::HostState kernel, e.env.reader.ReadKernel());
  apply::Target probe{&target, bf.backend, bf.caps};
  VNET_ASSIGN_OR_RETURN(bool ours, apply::LeftByKilledStart(e.env, probe));
  return apply::CheckHost(target, kernel, others, ours);
}

}  // namespace

Result<plan::Plan> PlanRealize(Engine& e, const Network& target, Active active, bool autostart) {
  VNET_ASSIGN_OR_RETURN(BackendFor bf, e.resolve(LiveRequest(e, autostart, active.status)));
  apply::Target t{&target, bf.backend, bf.caps};
  return apply::PlanConverge(e.env, t, {active.net, active.status});
}

Result<Realized> Realize(Engine& e, const Network& target, Active active, bool autostart,
                         const apply::Inherited* inherited) {
  VNET_ASSIGN_OR_RETURN(BackendFor bf, e.resolve(LiveRequest(e, autostart, active.status)));
  if (!active.status) VNET_TRY(CheckFirstStart(e, target, bf));
  apply::Target t{&target, bf.backend, bf.caps, active.status ? nullptr : inherited};
  VNET_ASSIGN_OR_RETURN(apply::Outcome outcome,
                        apply::Converge(e.env, t, {active.net, active.status}));
  Realized r{std::move(outcome.plan), std::move(outcome.warnings)};
  if (e.env.dry_run) return r;
  Status recorded = e.records.RecordActive(target, outcome.status);
  if (!recorded.ok() && !active.status) {
    // Unrecorded, the network could be neither destroyed nor seen as active:
    // take it down again rather than leave it half-made.
    (void)apply::Destroy(e.env, *bf.backend, target, outcome.status, false);
    (void)e.records.ClearLive(target.name);
    Error err = recorded.error();
    err.message += "; the network was taken down again";
    return err;
  }
  VNET_TRY(recorded);
  return r;
}

Result<Realized> TakeDown(Engine& e, const Network& live, bool autostart, bool transient) {
  Result<std::optional<plan::NetworkStatus>> loaded = e.records.LoadStatus(live.name);
  std::vector<std::string> warnings;
  if (!loaded.ok()) {
    warnings.push_back("the status record of network " + live.name + " cannot be read (" +
                       loaded.error().message + "); taking down what a start of it makes");
  }
  std::optional<plan::NetworkStatus> status =
      loaded.ok() ? std::move(loaded).value() : std::nullopt;
  if (!status) {
    // A live definition without a (readable) record: a start killed before
    // it recorded what it made. Take down what that start would have made.
    VNET_ASSIGN_OR_RETURN(BackendFor bf, e.resolve(LiveRequest(e, autostart, nullptr)));
    apply::Target t{&live, bf.backend, bf.caps};
    VNET_ASSIGN_OR_RETURN(plan::NetworkStatus made, apply::ReconstructStatus(e.env, t));
    status = std::move(made);
  }
  VNET_ASSIGN_OR_RETURN(BackendFor bf, e.resolve(LiveRequest(e, autostart, &*status)));
  VNET_ASSIGN_OR_RETURN(plan::Plan p, apply::Destroy(e.env, *bf.backend, live, *status, transient));
  Realized r{std::move(p), std::move(warnings)};
  if (e.env.dry_run) return r;
  VNET_TRY(e.records.ClearLive(live.name));
  return r;
}

}  // namespace vnet::engine
