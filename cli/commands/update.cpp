// vnetctl update NETWORK COMMAND SECTION XML|FILE [--parent-index N]
//                [--config] [--live] [--current]          (virsh net-update)
#include "core/update/update.h"

#include <CLI/CLI.hpp>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/realize.h"
#include "cli/virsh_args.h"
#include "core/validate/libvirt_error.h"

namespace vnet::cli {

namespace {

struct Affects {
  bool live = false;
  bool config = false;
};

Error Usage(const std::string& message) { return MakeError(ErrorKind::kUsage, message); }

Result<UpdateRequest> MakeRequest(const Context& ctx, const UpdateCmd::Options& o) {
  UpdateRequest req;
  auto command = ParseUpdateCommand(o.command);
  if (!command) return Usage("unrecognized command name '" + o.command + "'");
  auto section = ParseUpdateSection(o.section);
  if (!section) return Usage("unrecognized section name '" + o.section + "'");
  req.command = *command;
  req.section = *section;
  req.parent_index = o.parent_index.value_or(-1);
  // virsh: an argument starting with '<' is the element itself, else a file.
  if (!o.xml.empty() && o.xml.front() == '<') {
    req.xml = o.xml;
  } else {
    VNET_ASSIGN_OR_RETURN(req.xml, ReadDocument(ctx, o.xml));
    req.source = o.xml;
  }
  return req;
}

// --current (the default) means live if running, else config (libvirt's
// networkUpdate), then virNetworkObjConfigChangeSetup's checks.
Result<Affects> ResolveAffects(const UpdateCmd::Options& o, const StoredNetwork& net) {
  if (o.current && (o.live || o.config)) {
    return Usage(std::string("Options --current and --") + (o.live ? "live" : "config") +
                 " are mutually exclusive");
  }
  Affects a{o.live, o.config};
  if (!a.live && !a.config) (net.active ? a.live : a.config) = true;
  if (a.live && !net.active) {
    return LibvirtError(LibvirtCode::kOperationInvalid, "network is not running");
  }
  if (a.config && !net.persistent) {
    return LibvirtError(LibvirtCode::kOperationInvalid,
                        "cannot change persistent config of a transient network");
  }
  return a;
}

// Applies the changed live definition through the same transaction as
// apply: a host entry only rewrites dnsmasq's hosts files and sends it SIGHUP,
// so the bridge and the guests' traffic are left alone.
Status UpdateLive(const Context& ctx, const Store& store, const StoredNetwork& net,
                  const Network& updated) {
  VNET_ASSIGN_OR_RETURN(auto session, LiveSession::Open(ctx, /*dry_run=*/false));
  VNET_ASSIGN_OR_RETURN(std::optional<plan::NetworkStatus> status, LoadStatus(store, net.name));
  if (!status) {
    return LibvirtError(
        LibvirtCode::kOperationInvalid,
        "network '" + net.name + "' has no live record; destroy and start it again");
  }
  bool persistent_files = status->placement == Placement::kPersistent;
  VNET_ASSIGN_OR_RETURN(
      Realized r, Realize(ctx, *session, store, updated, &*net.live, &*status, persistent_files));
  (void)r;
  return OkStatus();
}

}  // namespace

void UpdateCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app)
      .Add("network", opts.network, "network name or uuid")
      .Add("command", opts.command, "add-first, add-last (add), delete or modify")
      .Add("section", opts.section, "which section of the network to update")
      .Add("xml", opts.xml, "the XML element (if it starts with '<'), else a file");
  app.add_option("--parent-index", opts.parent_index, "which <ip> to search through (0-based)");
  app.add_flag("--config", opts.config, "affect next network startup");
  app.add_flag("--live", opts.live, "affect running network");
  app.add_flag("--current", opts.current, "affect current state of network");
}

RunResult UpdateCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/true));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  VNET_ASSIGN_OR_RETURN(UpdateRequest request, MakeRequest(ctx, opts));
  VNET_ASSIGN_OR_RETURN(Affects affects, ResolveAffects(opts, net));
  std::optional<Network> config, live_net;
  if (affects.config) {
    VNET_ASSIGN_OR_RETURN(config, UpdateNetwork(*net.config, request));
  }
  if (affects.live) {
    VNET_ASSIGN_OR_RETURN(live_net, UpdateNetwork(*net.live, request));
  }
  if (live_net) VNET_TRY(UpdateLive(ctx, store, net, *live_net));
  if (config) VNET_TRY(store.Define(MakeDefinition(*config)));
  Output out;
  // virsh prints this one without a newline; its end-of-command blank line ends it.
  std::string what = affects.config && affects.live ? "persistent config and live state"
                     : affects.live                 ? "live state"
                                                    : "persistent config";
  out.text = Extra(ctx, "Updated network " + net.name + " " + what);
  out.json = nlohmann::json{{"name", net.name}, {"config", affects.config}, {"live", affects.live}};
  const Network& changed = config ? *config : *live_net;
  const Network& before = config ? *net.config : *net.live;
  return WithWarnings(WithNetworkWarnings(std::move(out), changed, &before), store);
}

}  // namespace vnet::cli
