// vnetctl define FILE|-   (virsh net-define)
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/virsh_args.h"
#include "core/xml/parse.h"

namespace vnet::cli {

void DefineCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("file", opts.file, "XML network definition ('-' for standard input)");
}

RunResult DefineCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(std::string text, ReadDocument(ctx, opts.file));
  VNET_ASSIGN_OR_RETURN(Network net, xml::ParseNetwork(text, opts.file));
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/true));
  DefineResult defined = DefineNetwork(store, std::move(net), HostLinkProbe(ctx));
  if (!defined.errors.empty()) return defined.errors;
  const Network& stored = *defined.network;
  Output out;
  out.text = Extra(ctx, "Network " + stored.name + " defined from " + opts.file + "\n");
  out.json = nlohmann::json{{"name", stored.name}, {"uuid", stored.uuid->ToString()}};
  return WithWarnings(WithNetworkWarnings(std::move(out), stored), store);
}

}  // namespace vnet::cli
