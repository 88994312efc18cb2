// vnetctl create FILE|- [--dry-run]   (virsh net-create): a transient network,
// started at once and gone when destroyed.
#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/realize.h"
#include "cli/virsh_args.h"
#include "core/validate/libvirt_error.h"
#include "core/xml/parse.h"
#include "core/xml/schema.h"

namespace vnet::cli {

void CreateCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("file", opts.file, "XML network definition ('-' for standard input)");
  app.add_flag("--validate", opts.validate,
               "check the XML against libvirt's schema (network.rng) first");
  app.add_flag("--dry-run", opts.dry_run, "print the plan and the commands; change nothing");
}

RunResult CreateCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(std::string text, ReadDocument(ctx, opts.file));
  if (opts.validate) {
    std::vector<Error> invalid = xml::ValidateAgainstSchema(text, opts.file);
    if (!invalid.empty()) return invalid;
  }
  VNET_ASSIGN_OR_RETURN(Network parsed, xml::ParseNetwork(text, opts.file));
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/!opts.dry_run));
  auto existing = store.LookupByName(parsed.name);
  if (existing.ok() && existing->active) {
    return LibvirtError(LibvirtCode::kOperationInvalid,
                        "network is already active as '" + existing->name + "'");
  }
  DefineResult prepared = PrepareDefinition(store, std::move(parsed), HostLinkProbe(ctx));
  if (!prepared.errors.empty()) return prepared.errors;
  VNET_ASSIGN_OR_RETURN(auto session, LiveSession::Open(ctx, opts.dry_run));
  const Network& net = *prepared.network;
  VNET_ASSIGN_OR_RETURN(Realized r,
                        Realize(ctx, *session, store, net, nullptr, nullptr, /*autostart=*/false));
  return WithNetworkWarnings(
      LiveOutput(ctx, r, "Network " + net.name + " created from " + opts.file + "\n", net.name),
      net);
}

}  // namespace vnet::cli
