// vnetctl uuid NAME   (virsh net-uuid: looks up by name only)
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/virsh_args.h"

namespace vnet::cli {

void UuidCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.network, "network name");
}

RunResult UuidCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.LookupByName(opts.network));
  Output out;
  out.text = net.uuid.ToString() + "\n";
  out.json = nlohmann::json{{"name", net.name}, {"uuid", net.uuid.ToString()}};
  return WithWarnings(std::move(out), store);
}

}  // namespace vnet::cli
