// vnetctl define FILE|-   (virsh net-define)
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/virsh_args.h"
#include "core/xml/parse.h"
#include "core/xml/schema.h"

namespace vnet::cli {

void DefineCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("file", opts.file, "XML network definition ('-' for standard input)");
  app.add_flag("--validate", opts.validate,
               "check the XML against libvirt's schema (network.rng) first");
}

RunResult DefineCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(std::string text, ReadDocument(ctx, opts.file));
  if (opts.validate) {
    std::vector<Error> invalid = xml::ValidateAgainstSchema(text, opts.file);
    if (!invalid.empty()) return invalid;
  }
  VNET_ASSIGN_OR_RETURN(Network net, xml::ParseNetwork(text, opts.file));
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/true));
  DefineResult defined = DefineNetwork(store, std::move(net), HostLinkProbe(ctx));
  if (!defined.errors.empty()) return defined.errors;
  const Network& stored = *defined.network;
  Output out;
  out.text = Extra(ctx, "Network " + stored.name + " defined from " + opts.file + "\n");
  out.json = nlohmann::json{{"name", stored.name}, {"uuid", stored.uuid->ToString()}};
  out = WithLibvirtBootOrder(std::move(out), ctx, store);  // a new bridge name
  return WithWarnings(WithNetworkWarnings(std::move(out), stored), store);
}

}  // namespace vnet::cli
