// vnetctl name UUID   (virsh net-name: looks up by uuid only)
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/virsh_args.h"

namespace vnet::cli {

void NameCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.uuid, "network uuid");
}

RunResult NameCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.LookupByUuid(opts.uuid));
  Output out;
  out.text = net.name + "\n";
  out.json = nlohmann::json{{"name", net.name}, {"uuid", net.uuid.ToString()}};
  return WithWarnings(std::move(out), store);
}

}  // namespace vnet::cli
