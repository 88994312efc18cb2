// vnetctl start NAME [--dry-run]   (virsh net-start)
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/realize.h"
#include "cli/virsh_args.h"
#include "core/validate/libvirt_error.h"

namespace vnet::cli {

void StartCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.network, "network name or uuid");
  app.add_flag("--dry-run", opts.dry_run, "print the plan and the commands; change nothing");
}

RunResult StartCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/!opts.dry_run));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  if (net.active) {
    return LibvirtError(LibvirtCode::kOperationInvalid, "network is already active");
  }
  VNET_ASSIGN_OR_RETURN(auto session, LiveSession::Open(ctx, opts.dry_run));
  VNET_ASSIGN_OR_RETURN(
      Realized r, Realize(ctx, *session, store, *net.config, nullptr, nullptr, net.autostart));
  return LiveOutput(ctx, r, "Network " + net.name + " started\n", net.name);
}

}  // namespace vnet::cli
