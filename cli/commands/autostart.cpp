// vnetctl autostart NETWORK [--disable] [--dry-run]   (virsh net-autostart)
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/realize.h"
#include "cli/virsh_args.h"
#include "core/validate/libvirt_error.h"

namespace vnet::cli {

namespace {

// An autostarted network's files live under /etc, where the manager finds
// them at boot; a started one's under /run. Moving an active network's files
// is an apply with the other placement.
// With `dry_run`, returns what would be written and run instead.
Result<std::string> MoveLiveFiles(const Context& ctx, const Store& store, const StoredNetwork& net,
                                  bool autostart, bool dry_run) {
  if (!net.active || !ctx.OnHostRoot()) return std::string();
  VNET_ASSIGN_OR_RETURN(std::optional<plan::NetworkStatus> status, LoadStatus(store, net.name));
  if (!status || (status->placement == Placement::kPersistent) == autostart) return std::string();
  VNET_ASSIGN_OR_RETURN(auto session, LiveSession::Open(ctx, dry_run));
  VNET_ASSIGN_OR_RETURN(Realized r,
                        Realize(ctx, *session, store, *net.live, &*net.live, &*status, autostart));
  if (!dry_run) return std::string();
  return PlanText(ctx, r.plan) + "Would write and run:\n" + r.dry_run_actions;
}

}  // namespace

void AutostartCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.network, "network name or uuid");
  app.add_flag("--disable", opts.disable, "disable autostarting");
  app.add_flag("--dry-run", opts.dry_run, "print what would change; change nothing");
}

RunResult AutostartCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/!opts.dry_run));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  const bool enable = !opts.disable;
  if (opts.dry_run) {
    if (!net.persistent) {
      return LibvirtError(LibvirtCode::kOperationInvalid,
                          "cannot set autostart for transient network");
    }
    VNET_ASSIGN_OR_RETURN(std::string moves, MoveLiveFiles(ctx, store, net, enable, true));
    Output out;
    out.text = "Network " + net.name + " would be " + (enable ? "marked" : "unmarked") +
               " as autostarted (dry run, nothing changed)\n" + moves;
    out.json = nlohmann::json{{"name", net.name}, {"autostart", enable}, {"dry_run", true}};
    return out;
  }
  VNET_TRY(store.SetAutostart(net.name, enable));
  VNET_ASSIGN_OR_RETURN(std::string moved, MoveLiveFiles(ctx, store, net, enable, false));
  (void)moved;
  Output out;
  out.text = Extra(
      ctx, "Network " + opts.network + (enable ? " marked" : " unmarked") + " as autostarted\n");
  out.json = nlohmann::json{{"name", net.name}, {"autostart", enable}};
  return WithWarnings(WithLibvirtBootOrder(std::move(out), ctx, store), store);
}

}  // namespace vnet::cli
