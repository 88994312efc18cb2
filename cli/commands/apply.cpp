// vnetctl apply FILE... [--dry-run]: converge. Defines each network (keeping
// what libvirt generated before), then starts it, or repairs and updates
// what differs on the host. Applying the same files again changes nothing.
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/realize.h"
#include "core/validate/validate.h"
#include "core/xml/parse.h"

namespace vnet::cli {

namespace {

struct Applied {
  std::string text;
  nlohmann::json json;
  std::vector<std::string> warnings;  // the rendering's, and what blocks the network
};

// Stores the definition unless it is byte-identical to the stored one.
Result<bool> DefineIfChanged(const Store& store, const Network& net) {
  Definition def = MakeDefinition(net);
  auto old = store.LookupByName(net.name);
  if (old.ok() && old->config && MakeDefinition(*old->config).xml == def.xml) return false;
  VNET_TRY(store.Define(def));
  return true;
}

void RestoreDefinition(const Store& store, const Result<StoredNetwork>& before,
                       const std::string& name) {
  if (before.ok() && before->config) {
    (void)store.Define(MakeDefinition(*before->config));
  } else {
    (void)store.Undefine(name);
  }
}

Result<Applied> ApplyOne(const Context& ctx, LiveSession& session, const Store& store,
                         const std::string& file, bool dry_run) {
  VNET_ASSIGN_OR_RETURN(std::string text, ReadDocument(ctx, file));
  VNET_ASSIGN_OR_RETURN(Network parsed, xml::ParseNetwork(text, file));
  DefineResult prepared = PrepareDefinition(store, std::move(parsed), HostLinkProbe(ctx));
  if (!prepared.errors.empty()) return prepared.errors.front();
  const Network& net = *prepared.network;
  auto stored = store.LookupByName(net.name);
  bool active = stored.ok() && stored->active;
  bool autostart = stored.ok() && stored->autostart;
  std::optional<plan::NetworkStatus> status;
  if (active) {
    VNET_ASSIGN_OR_RETURN(status, LoadStatus(store, net.name));
  }
  // An active network keeps its files where they are (autostart moves them).
  if (status) autostart = status->placement == Placement::kPersistent;
  const Network* live_net = active && status ? &*stored->live : nullptr;
  const plan::NetworkStatus* st = status ? &*status : nullptr;
  bool defined = false;
  if (!dry_run) {
    VNET_ASSIGN_OR_RETURN(defined, DefineIfChanged(store, net));
  }
  auto realized = Realize(ctx, session, store, net, live_net, st, autostart);
  if (!realized.ok()) {
    // The host was put back; the definition goes back with it.
    if (defined) RestoreDefinition(store, stored, net.name);
    return realized.error();
  }
  Realized& r = *realized;
  Applied a;
  for (const Error& e : NetworkWarnings(net)) a.warnings.push_back(e.Format());
  a.warnings.insert(a.warnings.end(), r.warnings.begin(), r.warnings.end());
  a.json = plan::PlanToJson(r.plan);
  a.json["defined"] = defined;
  std::string head = "Network " + net.name + ": ";
  if (r.plan.Empty()) {
    a.text = head + (defined ? "definition stored; host already matches, nothing to do\n"
                             : "nothing to do\n");
  } else if (dry_run) {
    a.text = head + std::to_string(r.plan.steps.size()) + " changes (dry run, nothing changed):\n" +
             PlanText(ctx, r.plan) + "Would write and run:\n" + r.dry_run_actions;
  } else {
    a.text = head + "applied " + std::to_string(r.plan.steps.size()) + " changes\n" +
             PlanText(ctx, r.plan);
  }
  return a;
}

}  // namespace

void ApplyCmd::Setup(CLI::App& app, Options& opts) {
  app.add_option("files", opts.files, "XML network definitions ('-' for standard input)")
      ->required();
  app.add_flag("--dry-run", opts.dry_run, "print the plans and the commands; change nothing");
}

RunResult ApplyCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/!opts.dry_run));
  VNET_ASSIGN_OR_RETURN(auto session, LiveSession::Open(ctx, opts.dry_run));
  Output out;
  out.json = nlohmann::json{{"networks", nlohmann::json::array()}};
  for (const std::string& file : opts.files) {
    VNET_ASSIGN_OR_RETURN(Applied a, ApplyOne(ctx, *session, store, file, opts.dry_run));
    out.text += a.text;
    for (const std::string& w : a.warnings) {
      out.warnings.push_back(MakeError(ErrorKind::kSystem, w));
    }
    (*out.json)["networks"].push_back(a.json);
  }
  return out;
}

}  // namespace vnet::cli
