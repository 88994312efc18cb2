#include "cli/commands/realize.h"

#include "cli/commands/common.h"

namespace vnet::cli {

namespace {

// The engine on this session's host, the store's records and the command
// line's backend choice; alive as long as `records`.
engine::Engine EngineFor(const Context& ctx, LiveSession& session, const StoreRecords& records) {
  return {session.env(), records,
          [&ctx](const engine::BackendRequest& r) { return ResolveBackend(ctx, r); }};
}

Realized WithRecorded(const LiveSession& session, engine::Realized r) {
  return {std::move(r.plan), session.dry_run() ? session.Recorded() : "", std::move(r.warnings)};
}

}  // namespace

Result<plan::Plan> PlanRealize(const Context& ctx, LiveSession& session, const Store& store,
                               const Network& target, const Network* active_net,
                               const plan::NetworkStatus* active_status, bool autostart) {
  StoreRecords records(store);
  engine::Engine e = EngineFor(ctx, session, records);
  return engine::PlanRealize(e, target, {active_net, active_status}, autostart);
}

Result<Realized> Realize(const Context& ctx, LiveSession& session, const Store& store,
                         const Network& target, const Network* active_net,
                         const plan::NetworkStatus* active_status, bool autostart,
                         const apply::Inherited* inherited) {
  StoreRecords records(store);
  engine::Engine e = EngineFor(ctx, session, records);
  VNET_ASSIGN_OR_RETURN(engine::Realized r, engine::Realize(e, target, {active_net, active_status},
                                                            autostart, inherited));
  return WithRecorded(session, std::move(r));
}

Result<Realized> TakeDown(const Context& ctx, LiveSession& session, const Store& store,
                          const StoredNetwork& net) {
  StoreRecords records(store);
  engine::Engine e = EngineFor(ctx, session, records);
  VNET_ASSIGN_OR_RETURN(engine::Realized r,
                        engine::TakeDown(e, *net.live, net.autostart, !net.persistent));
  return WithRecorded(session, std::move(r));
}

Result<engine::TakenOver> TakeOver(const Context& ctx, LiveSession& session, const Store& store,
                                   import::LibvirtClient& libvirt,
                                   const import::SourceNetwork& source, const Network& net,
                                   bool dnsmasq_dhcp, const std::string& stand_in_xml) {
  StoreRecords records(store);
  engine::Engine e = EngineFor(ctx, session, records);
  return engine::TakeOver(e, libvirt, source, net, dnsmasq_dhcp, stand_in_xml);
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

Result<engine::HandedBack> HandBack(const Context& ctx, LiveSession& session, const Store& store,
                                    import::LibvirtClient& libvirt,
                                    const engine::HandBackRequest& request) {
  StoreRecords records(store);
  engine::Engine e = EngineFor(ctx, session, records);
  return engine::HandBack(e, libvirt, request);
}

}  // namespace vnet::cli
