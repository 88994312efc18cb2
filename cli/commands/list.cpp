// vnetctl list [filters] [--table|--name|--uuid]   (virsh net-list)
#include <strings.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/table.h"

namespace vnet::cli {

namespace {

// virConnectListAllNetworks' filter groups: within a group any set flag
// matches; a group with no flag set does not filter.
bool Matches(const ListCmd::Options& o, const NetworkSummary& n) {
  const bool want_active = o.all || !o.inactive;
  const bool want_inactive = o.all || o.inactive;
  if (!((want_active && n.active) || (want_inactive && !n.active))) return false;
  if ((o.persistent || o.transient) &&
      !((o.persistent && n.persistent) || (o.transient && !n.persistent))) {
    return false;
  }
  if ((o.autostart || o.no_autostart) &&
      !((o.autostart && n.autostart) || (o.no_autostart && !n.autostart))) {
    return false;
  }
  return true;
}

std::vector<NetworkSummary> Select(const ListCmd::Options& o, std::vector<NetworkSummary> nets) {
  std::erase_if(nets, [&o](const NetworkSummary& n) { return !Matches(o, n); });
  // virsh sorts with strcasecmp; ties broken by bytes to stay deterministic.
  std::stable_sort(nets.begin(), nets.end(), [](const NetworkSummary& a, const NetworkSummary& b) {
    int c = strcasecmp(a.name.c_str(), b.name.c_str());
    return c != 0 ? c < 0 : a.name < b.name;
  });
  return nets;
}

std::string Table(const Context& ctx, const std::vector<NetworkSummary>& nets) {
  std::vector<TableRow> rows;
  for (const NetworkSummary& n : nets) {
    rows.push_back(
        {n.name, n.active ? "active" : "inactive", YesNo(n.autostart), YesNo(n.persistent)});
  }
  return FormatTable({"Name", "State", "Autostart", "Persistent"}, rows, !ctx.quiet);
}

std::string Lines(const std::vector<NetworkSummary>& nets, bool uuids) {
  std::string out;
  for (const NetworkSummary& n : nets) out += (uuids ? n.uuid.ToString() : n.name) + "\n";
  return out;
}

nlohmann::json Json(const std::vector<NetworkSummary>& nets) {
  nlohmann::json list = nlohmann::json::array();
  for (const NetworkSummary& n : nets) {
    nlohmann::json j{{"name", n.name},           {"uuid", n.uuid.ToString()},  {"active", n.active},
                     {"autostart", n.autostart}, {"persistent", n.persistent}, {"bridge", nullptr}};
    if (!n.Bridge().empty()) j["bridge"] = n.Bridge();
    list.push_back(std::move(j));
  }
  return list;
}

}  // namespace

void ListCmd::Setup(CLI::App& app, Options& opts) {
  app.add_flag("--inactive", opts.inactive, "list inactive networks");
  app.add_flag("--all", opts.all, "list inactive & active networks");
  app.add_flag("--persistent", opts.persistent, "list persistent networks");
  app.add_flag("--transient", opts.transient, "list transient networks");
  app.add_flag("--autostart", opts.autostart, "list networks with autostart enabled");
  app.add_flag("--no-autostart", opts.no_autostart, "list networks with autostart disabled");
  app.add_flag("--uuid", opts.uuid, "list uuid's only");
  app.add_flag("--name", opts.name, "list network names only");
  app.add_flag("--table", opts.table, "list table (default)");
}

RunResult ListCmd::Run(const Context& ctx, const Options& opts) {
  if (opts.table + opts.name + opts.uuid > 1) {
    return MakeError(ErrorKind::kUsage,
                     "Only one argument from --table, --name and --uuid may be specified.");
  }
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(std::vector<NetworkSummary> all, store.Summaries(/*save_cache=*/true));
  std::vector<NetworkSummary> nets = Select(opts, std::move(all));
  Output out;
  // Only the form that is printed is built (a thousand networks each way).
  if (ctx.json) {
    out.json = Json(nets);
  } else {
    out.text = (opts.name || opts.uuid) ? Lines(nets, opts.uuid) : Table(ctx, nets);
  }
  return WithWarnings(std::move(out), store);
}

}  // namespace vnet::cli
