// vnetctl dumpxml NETWORK [--inactive]   (virsh net-dumpxml)
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/virsh_args.h"
#include "core/xml/format.h"

namespace vnet::cli {

void DumpXmlCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.network, "network name or uuid");
  app.add_flag("--inactive", opts.inactive, "the persistent definition, not the live one");
}

RunResult DumpXmlCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  xml::FormatOptions format;
  format.inactive = opts.inactive;
  Output out;
  out.text = xml::FormatNetwork(opts.inactive ? net.Persistent() : net.Current(), format);
  return WithWarnings(std::move(out), store);
}

}  // namespace vnet::cli
