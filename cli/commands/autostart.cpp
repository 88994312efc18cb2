// vnetctl autostart NETWORK [--disable]   (virsh net-autostart)
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"

namespace vnet::cli {

void AutostartCmd::Setup(CLI::App& app, Options& opts) {
  app.add_option("network", opts.network, "network name or uuid")->required();
  app.add_flag("--disable", opts.disable, "disable autostarting");
}

RunResult AutostartCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/true));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  const bool enable = !opts.disable;
  VNET_TRY(store.SetAutostart(net.name, enable));
  Output out;
  out.text = Extra(
      ctx, "Network " + opts.network + (enable ? " marked" : " unmarked") + " as autostarted\n");
  out.json = nlohmann::json{{"name", net.name}, {"autostart", enable}};
  return WithWarnings(std::move(out), store);
}

}  // namespace vnet::cli
