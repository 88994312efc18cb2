// vnetctl diff NAME|FILE... [--json]: what start/apply would change on the
// host, and why. Exit 0 when nothing differs, 2 when something does.
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/realize.h"
#include "core/xml/parse.h"

namespace vnet::cli {

namespace {

// The network a diff compares the host with: a file's (as apply would store
// it) or a stored network's persistent definition (what apply converges to).
Result<Network> Wanted(const Context& ctx, const Store& store, const std::string& arg) {
  if (!LooksLikeFile(arg)) {
    VNET_ASSIGN_OR_RETURN(StoredNetwork n, store.Lookup(arg));
    return n.Persistent();
  }
  VNET_ASSIGN_OR_RETURN(std::string text, ReadDocument(ctx, arg));
  VNET_ASSIGN_OR_RETURN(Network parsed, xml::ParseNetwork(text, arg));
  DefineResult prepared = PrepareDefinition(store, std::move(parsed), HostLinkProbe(ctx));
  if (!prepared.errors.empty()) return prepared.errors.front();
  return std::move(*prepared.network);
}

}  // namespace

void DiffCmd::Setup(CLI::App& app, Options& opts) {
  app.add_option("networks", opts.networks, "network names, or XML files")->required();
}

RunResult DiffCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(auto session, LiveSession::Open(ctx, /*dry_run=*/true));
  Output out;
  out.json = nlohmann::json{{"networks", nlohmann::json::array()}};
  for (const std::string& arg : opts.networks) {
    VNET_ASSIGN_OR_RETURN(Network want, Wanted(ctx, store, arg));
    auto stored = store.LookupByName(want.name);
    std::optional<plan::NetworkStatus> status;
    if (stored.ok() && stored->active) {
      VNET_ASSIGN_OR_RETURN(status, LoadStatus(store, want.name));
    }
    const Network* live_net = status ? &*stored->live : nullptr;
    bool autostart =
        status ? status->placement == Placement::kPersistent : stored.ok() && stored->autostart;
    VNET_ASSIGN_OR_RETURN(plan::Plan p, PlanRealize(ctx, *session, want, live_net,
                                                    status ? &*status : nullptr, autostart));
    std::string head =
        "Network " + want.name + " (" + p.backend + ", " + (status ? "active" : "inactive") + "): ";
    if (p.Empty()) {
      out.text += head + "no differences\n";
    } else {
      out.text += head + std::to_string(p.steps.size()) + " differences\n" + PlanText(ctx, p);
      out.exit = ExitCode::kDiffFound;
    }
    (*out.json)["networks"].push_back(plan::PlanToJson(p));
  }
  return out;
}

}  // namespace vnet::cli
