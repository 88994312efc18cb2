#include "cli/commands/realize.h"

#include "cli/commands/common.h"
#include "core/apply/host_checks.h"

namespace vnet::cli {

namespace {

// What a live command asks the resolver for: files under /etc for an
// autostarted network, the backend of the active one, no probe cache written
// by a dry run.
BackendRequest LiveRequest(const LiveSession& session, bool autostart,
                           const plan::NetworkStatus* active) {
  return {autostart ? Placement::kPersistent : Placement::kRuntime, active, !session.dry_run()};
}

}  // namespace

Result<plan::Plan> PlanRealize(const Context& ctx, LiveSession& session, const Network& target,
                               const Network* active_net, const plan::NetworkStatus* active_status,
                               bool autostart) {
  VNET_ASSIGN_OR_RETURN(BackendFor bf,
                        ResolveBackend(ctx, LiveRequest(session, autostart, active_status)));
  apply::Target t{&target, bf.backend, bf.caps};
  apply::Current cur{active_net, active_status};
  return apply::PlanConverge(session.env(), t, cur);
}

Result<Realized> Realize(const Context& ctx, LiveSession& session, const Store& store,
                         const Network& target, const Network* active_net,
                         const plan::NetworkStatus* active_status, bool autostart,
                         const apply::Inherited* inherited) {
  VNET_ASSIGN_OR_RETURN(BackendFor bf,
                        ResolveBackend(ctx, LiveRequest(session, autostart, active_status)));
  if (!active_status) {
    VNET_ASSIGN_OR_RETURN(std::vector<Network> others, OtherActive(store, target.name));
    VNET_ASSIGN_OR_RETURN(live::HostState kernel, session.env().reader.ReadKernel());
    apply::Target probe{&target, bf.backend, bf.caps};
    VNET_ASSIGN_OR_RETURN(bool ours, apply::LeftByKilledStart(session.env(), probe));
    VNET_TRY(apply::CheckHost(target, kernel, others, ours));
  }
  apply::Target t{&target, bf.backend, bf.caps, active_status ? nullptr : inherited};
  apply::Current cur{active_net, active_status};
  VNET_ASSIGN_OR_RETURN(apply::Outcome outcome, apply::Converge(session.env(), t, cur));
  Realized r{std::move(outcome.plan), "", std::move(outcome.warnings)};
  if (session.dry_run()) {
    r.dry_run_actions = session.Recorded();
    return r;
  }
  Status recorded = RecordActive(store, target, outcome.status);
  if (!recorded.ok() && !active_status) {
    // Unrecorded, the network could be neither destroyed nor seen as active:
    // take it down again rather than leave it half-made.
    (void)apply::Destroy(session.env(), *bf.backend, target, outcome.status, false);
    (void)store.ClearLive(target.name);
    Error e = recorded.error();
    e.message += "; the network was taken down again";
    return e;
  }
  VNET_TRY(recorded);
  return r;
}

Result<Realized> TakeDown(const Context& ctx, LiveSession& session, const Store& store,
                          const StoredNetwork& net) {
  VNET_ASSIGN_OR_RETURN(std::optional<plan::NetworkStatus> status, LoadStatus(store, net.name));
  if (!status) {
    // A live definition without a record: a start killed before it recorded
    // what it made. Take down what that start would have made.
    VNET_ASSIGN_OR_RETURN(BackendFor bf,
                          ResolveBackend(ctx, LiveRequest(session, net.autostart, nullptr)));
    apply::Target t{&*net.live, bf.backend, bf.caps};
    VNET_ASSIGN_OR_RETURN(plan::NetworkStatus made, apply::ReconstructStatus(session.env(), t));
    status = std::move(made);
  }
  VNET_ASSIGN_OR_RETURN(BackendFor bf,
                        ResolveBackend(ctx, LiveRequest(session, net.autostart, &*status)));
  VNET_ASSIGN_OR_RETURN(plan::Plan p, apply::Destroy(session.env(), *bf.backend, *net.live, *status,
                                                     !net.persistent));
  Realized r{std::move(p), "", {}};
  if (session.dry_run()) {
    r.dry_run_actions = session.Recorded();
    return r;
  }
  VNET_TRY(store.ClearLive(net.name));
  return r;
}

Output LiveOutput(const Context& ctx, const Realized& r, const std::string& done,
                  const std::string& name) {
  Output out;
  for (const std::string& w : r.warnings) out.warnings.push_back(MakeError(ErrorKind::kSystem, w));
  out.json = plan::PlanToJson(r.plan);
  (*out.json)["dry_run"] = !r.dry_run_actions.empty();
  if (r.dry_run_actions.empty()) {
    out.text = Extra(ctx, done);
    return out;
  }
  out.text = "Plan for network " + name + " (dry run, nothing changed):\n" + PlanText(ctx, r.plan) +
             "Would write and run:\n" + r.dry_run_actions;
  return out;
}

}  // namespace vnet::cli
