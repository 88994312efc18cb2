// vnetctl autostart NETWORK [--disable]   (virsh net-autostart)
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/realize.h"

namespace vnet::cli {

namespace {

// An autostarted network's files live under /etc, where the manager finds
// them at boot; a started one's under /run. Moving an active network's files
// is an apply with the other placement.
Status MoveLiveFiles(const Context& ctx, const Store& store, const StoredNetwork& net,
                     bool autostart) {
  if (!net.active || !ctx.OnHostRoot()) return OkStatus();
  VNET_ASSIGN_OR_RETURN(std::optional<plan::NetworkStatus> status, LoadStatus(store, net.name));
  if (!status || (status->placement == Placement::kPersistent) == autostart) return OkStatus();
  VNET_ASSIGN_OR_RETURN(auto session, LiveSession::Open(ctx, /*dry_run=*/false));
  VNET_ASSIGN_OR_RETURN(Realized r,
                        Realize(ctx, *session, store, *net.live, &*net.live, &*status, autostart));
  (void)r;
  return OkStatus();
}

}  // namespace

void AutostartCmd::Setup(CLI::App& app, Options& opts) {
  app.add_option("network", opts.network, "network name or uuid")->required();
  app.add_flag("--disable", opts.disable, "disable autostarting");
}

RunResult AutostartCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/true));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  const bool enable = !opts.disable;
  VNET_TRY(store.SetAutostart(net.name, enable));
  VNET_TRY(MoveLiveFiles(ctx, store, net, enable));
  Output out;
  out.text = Extra(
      ctx, "Network " + opts.network + (enable ? " marked" : " unmarked") + " as autostarted\n");
  out.json = nlohmann::json{{"name", net.name}, {"autostart", enable}};
  return WithWarnings(std::move(out), store);
}

}  // namespace vnet::cli
