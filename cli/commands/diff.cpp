// vnetctl diff [NAME|FILE...] [--json]: what start/apply would change on the
// host, and why; with no argument, for every active network. Exit 0 when
// nothing differs, 2 when something does.
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/realize.h"
#include "core/xml/parse.h"

namespace vnet::cli {

namespace {

// What a diff compares the host with: a file's network (as apply would store
// it) or a stored network's persistent definition (what apply converges to),
// and the stored network of that name, if any.
struct Subject {
  Network want;
  std::optional<StoredNetwork> stored;
};

Result<Subject> FromStore(const Store& store, const std::string& name_or_uuid) {
  VNET_ASSIGN_OR_RETURN(StoredNetwork n, store.Lookup(name_or_uuid));
  Network want = n.Persistent();
  return Subject{std::move(want), std::move(n)};
}

Result<Subject> FromArgument(const Context& ctx, const Store& store, const std::string& arg) {
  if (!LooksLikeFile(arg)) return FromStore(store, arg);
  VNET_ASSIGN_OR_RETURN(std::string text, ReadDocument(ctx, arg));
  VNET_ASSIGN_OR_RETURN(Network parsed, xml::ParseNetwork(text, arg));
  DefineResult prepared = PrepareDefinition(store, std::move(parsed), HostLinkProbe(ctx));
  if (!prepared.errors.empty()) return prepared.errors.front();
  Subject s{std::move(*prepared.network), std::nullopt};
  auto stored = store.LookupByName(s.want.name);
  if (stored.ok()) s.stored = std::move(stored).value();
  return s;
}

// No argument: every active network, by name.
Result<std::vector<std::string>> ActiveNames(const Store& store) {
  VNET_ASSIGN_OR_RETURN(std::vector<NetworkSummary> nets, store.Summaries());
  std::vector<std::string> names;
  for (const NetworkSummary& n : nets) {
    if (n.active) names.push_back(n.name);
  }
  return names;
}

}  // namespace

void DiffCmd::Setup(CLI::App& app, Options& opts) {
  app.add_option("networks", opts.networks,
                 "network names, or XML files (none: every active network)");
}

RunResult DiffCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  const bool all_active = opts.networks.empty();
  std::vector<std::string> args = opts.networks;
  if (all_active) {
    VNET_ASSIGN_OR_RETURN(args, ActiveNames(store));
  }
  VNET_ASSIGN_OR_RETURN(auto session, LiveSession::Open(ctx, /*dry_run=*/true));
  Output out;
  out.json = nlohmann::json{{"networks", nlohmann::json::array()}};
  if (all_active && args.empty()) out.text = "No active networks\n";
  for (const std::string& arg : args) {
    VNET_ASSIGN_OR_RETURN(Subject s,
                          all_active ? FromStore(store, arg) : FromArgument(ctx, store, arg));
    const Network& want = s.want;
    std::optional<plan::NetworkStatus> status;
    if (s.stored && s.stored->active) {
      VNET_ASSIGN_OR_RETURN(status, LoadStatus(store, want.name));
    }
    const Network* live_net = status ? &*s.stored->live : nullptr;
    bool autostart =
        status ? status->placement == Placement::kPersistent : s.stored && s.stored->autostart;
    VNET_ASSIGN_OR_RETURN(plan::Plan p, PlanRealize(ctx, *session, store, want, live_net,
                                                    status ? &*status : nullptr, autostart));
    std::string head =
        "Network " + want.name + " (" + p.backend + ", " + (status ? "active" : "inactive") + "): ";
    if (p.Clean()) {
      out.text += head + "no differences\n";
    } else {
      out.text += head + std::to_string(p.steps.size() + p.blocked.size()) + " differences\n" +
                  PlanText(ctx, p);
      out.exit = ExitCode::kDiffFound;
    }
    (*out.json)["networks"].push_back(plan::PlanToJson(p));
  }
  return out;
}

}  // namespace vnet::cli
