#include "cli/commands/import_handback.h"

#include <algorithm>

#include "cli/commands/common.h"
#include "cli/commands/realize.h"
#include "core/import/libvirt_source.h"
#include "core/import/stand_in.h"
#include "core/store/libvirt_kept.h"
#include "core/xml/parse.h"

namespace vnet::cli {

namespace {

using import::SourceNetwork;

struct HandBackJob {
  const Context& ctx;
  const ImportCmd::Options& opts;
  const Store& store;
  import::LibvirtClient& libvirt;
  const std::vector<SourceNetwork>& in_libvirt;
  LiveSession* session = nullptr;  // null under --dry-run
};

struct HandedBackOne {
  nlohmann::json json;
  std::string text;
  std::optional<Error> error;
};

/// What libvirt has under `name` now: nothing, or vnetctl's stand-in.
/// Anything else was changed in libvirt after the takeover and is left alone.
Result<const SourceNetwork*> StandInOf(const HandBackJob& job, const std::string& name) {
  auto it = std::find_if(job.in_libvirt.begin(), job.in_libvirt.end(),
                         [&](const SourceNetwork& s) { return s.name == name; });
  if (it == job.in_libvirt.end()) return static_cast<const SourceNetwork*>(nullptr);
  auto parsed = xml::ParseNetwork(it->xml, it->origin);
  if (!parsed.ok() || !import::IsStandIn(*parsed)) {
    return MakeError(ErrorKind::kOperationInvalid,
                     "libvirt's network '" + name +
                         "' is no longer vnetctl's stand-in (it was changed in libvirt after the "
                         "takeover); nothing was changed");
  }
  return &*it;
}

Result<engine::HandBackRequest> RequestFor(const HandBackJob& job, const KeptLibvirtNetwork& kept,
                                           const SourceNetwork* stand_in,
                                           const std::optional<StoredNetwork>& ours) {
  engine::HandBackRequest r;
  r.original.name = kept.name;
  r.original.xml = kept.xml;
  r.original.origin = LibvirtKept(job.ctx.root).PathOf(kept.name);
  r.original.persistent = true;
  r.original.autostart = kept.autostart;
  if (stand_in) {
    r.stand_in_active = stand_in->active;
    r.stand_in_xml = stand_in->xml;
  }
  if (ours && ours->active) {
    if (!ours->persistent) {
      return MakeError(ErrorKind::kOperationInvalid,
                       "vnetctl's network '" + kept.name +
                           "' is transient: libvirt's definition would outlive it; define it "
                           "first or destroy it");
    }
    r.live = &*ours->live;
    r.live_autostart = ours->autostart;
  }
  return r;
}

HandedBackOne HandBackOne(const HandBackJob& job, const std::string& name) {
  HandedBackOne out;
  out.json = {{"name", name}, {"handed_back", false}};
  auto fail = [&](Error e) {
    out.json["error"] = e.message;
    out.error = std::move(e);
    return out;
  };
  const LibvirtKept kept(job.ctx.root);
  auto original = kept.Read(name);
  if (!original.ok()) return fail(original.error());
  if (!*original) {
    return fail(MakeError(ErrorKind::kNotFound,
                          "vnetctl keeps no libvirt definition of network '" + name +
                              "' (only networks taken over with import --takeover can be given "
                              "back)"));
  }
  auto stand_in = StandInOf(job, name);
  if (!stand_in.ok()) return fail(stand_in.error());
  std::optional<StoredNetwork> ours;
  if (auto found = job.store.LookupByName(name); found.ok()) ours = std::move(*found);
  auto request = RequestFor(job, **original, *stand_in, ours);
  if (!request.ok()) return fail(request.error());
  bool running = request->live || request->stand_in_active;
  if (job.opts.dry_run) {
    out.text = "Network " + name + " would be given back to libvirt as defined in " +
               kept.PathOf(name) + (running ? ", and started" : "") +
               (ours ? "; vnetctl's network would be " +
                           std::string(request->live ? "stopped and " : "") + "undefined"
                     : "") +
               " (dry run, nothing changed)\n";
    return out;
  }
  auto back = HandBack(job.ctx, *job.session, job.store, job.libvirt, *request);
  if (!back.ok()) return fail(back.error());
  if (ours && ours->persistent) {
    Status undefined = job.store.Undefine(name);
    if (!undefined.ok()) return fail(undefined.error());
  }
  (void)kept.Forget(name);
  out.json["handed_back"] = true;
  out.json["started_in_libvirt"] = running;
  out.json["autostart"] = (*original)->autostart;
  out.json["leases_carried"] = back->leases_carried;
  out.json["ports_moved"] = back->ports_moved;
  out.text = "Network " + name + " given back to libvirt: its definition restored" +
             (running ? " and started" : "") + ((*original)->autostart ? ", autostart" : "") +
             "; " + std::to_string(back->leases_carried) + " leases carried, " +
             std::to_string(back->ports_moved) + " ports re-attached" +
             (ours ? "; vnetctl's network removed" : "") + "\n";
  return out;
}

}  // namespace

RunResult HandBackNetworks(const Context& ctx, const ImportCmd::Options& opts) {
  if (opts.names.empty()) {
    return MakeError(ErrorKind::kUsage, "--handback needs the names of the networks to give back");
  }
  if (!opts.from.empty()) {
    return MakeError(ErrorKind::kUsage,
                     "--handback needs a libvirt connection (-c URI), not --from DIR");
  }
  if (!ctx.OnHostRoot()) {
    return MakeError(ErrorKind::kUsage, "--handback changes the live host, which --root excludes");
  }
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/!opts.dry_run));
  VNET_ASSIGN_OR_RETURN(std::unique_ptr<import::LibvirtClient> libvirt,
                        import::ConnectLibvirt(opts.connect, /*read_only=*/opts.dry_run));
  std::unique_ptr<LiveSession> session;
  if (!opts.dry_run) {
    VNET_ASSIGN_OR_RETURN(session, LiveSession::Open(ctx, false));
  }
  VNET_ASSIGN_OR_RETURN(std::vector<SourceNetwork> in_libvirt, libvirt->List());
  HandBackJob job{ctx, opts, store, *libvirt, in_libvirt, session.get()};
  Output out;
  out.json = nlohmann::json{
      {"source", libvirt->Uri()}, {"dry_run", opts.dry_run}, {"networks", nlohmann::json::array()}};
  for (const std::string& name : opts.names) {
    HandedBackOne one = HandBackOne(job, name);
    out.text += one.text;
    (*out.json)["networks"].push_back(one.json);
    if (one.error) out.errors.push_back(*one.error);
  }
  if (!opts.dry_run) out = WithLibvirtBootOrder(std::move(out), ctx, store);
  return WithWarnings(std::move(out), store);
}

}  // namespace vnet::cli
