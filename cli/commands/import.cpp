// vnetctl import [-c URI | --from DIR] [NAME...] [--replace] [--allow-partial]
//                [--start | --takeover] [--dry-run]
// vnetctl import --handback NAME... [-c URI] [--dry-run]   (import_handback.h)
// Moves networks off libvirt: reads them through the libvirt API (or a
// directory in libvirt's layout), reports per element what the chosen backend
// cannot carry, defines them with the same name, uuid, MAC and bridge, and
// optionally starts them, or takes the active ones over from libvirtd.
#include <CLI/CLI.hpp>
#include <algorithm>

#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/import_handback.h"
#include "cli/commands/realize.h"
#include "core/import/carry.h"
#include "core/import/libvirt_source.h"
#include "core/import/stand_in.h"
#include "core/plan/desired.h"
#include "core/store/libvirt_kept.h"
#include "core/xml/format.h"
#include "core/xml/parse.h"

namespace vnet::cli {

namespace {

using import::SourceNetwork;

/// Everything import needs besides the network at hand.
struct Job {
  const Context& ctx;
  const ImportCmd::Options& opts;
  const Store& store;
  const Backend& backend;
  Caps caps;
  import::LibvirtClient* libvirt = nullptr;  // null with --from
  LiveSession* session = nullptr;            // only with --start / --takeover
};

/// One network's result: its JSON record and text, or why it failed.
struct Imported {
  nlohmann::json json;
  std::string text;
  std::optional<Error> error;
};

std::string SourceName(const Job& job) { return job.libvirt ? job.libvirt->Uri() : job.opts.from; }

Result<std::vector<SourceNetwork>> ReadSource(const Job& job) {
  if (job.libvirt) return job.libvirt->List();
  return import::ReadLibvirtDir(job.ctx.root, job.opts.from);
}

bool IsStandIn(const SourceNetwork& s) {
  auto parsed = xml::ParseNetwork(s.xml, s.origin);
  return parsed.ok() && import::IsStandIn(*parsed);
}

/// The networks NAME... selects (all but vnetctl's stand-ins without names),
/// in the order given.
Result<std::vector<SourceNetwork>> Select(std::vector<SourceNetwork> all,
                                          const std::vector<std::string>& names) {
  if (names.empty()) {
    all.erase(
        std::remove_if(all.begin(), all.end(), [](const SourceNetwork& s) { return IsStandIn(s); }),
        all.end());
    return all;
  }
  std::vector<SourceNetwork> out;
  for (const std::string& name : names) {
    auto it = std::find_if(all.begin(), all.end(),
                           [&](const SourceNetwork& s) { return s.name == name; });
    if (it == all.end()) {
      return MakeError(ErrorKind::kNotFound,
                       "Network not found: no network with matching name '" + name + "'");
    }
    out.push_back(*it);
  }
  return out;
}

std::string State(const SourceNetwork& s) {
  std::string state = s.persistent ? "persistent" : "transient";
  if (s.autostart) state += ", autostart";
  if (s.active) state += ", active";
  return state;
}

/// Whether vnetctl's own dnsmasq serves DHCPv4 for `net` on this backend: only
/// then can libvirt's leases be handed over as a lease file.
bool DnsmasqServesDhcp(const Job& job, const Network& net) {
  auto want = plan::Desire(net, job.backend, job.caps);
  if (!want.ok() || !want->dnsmasq) return false;
  const auto& ports = want->dnsmasq_ports;
  return std::find(ports.begin(), ports.end(), 67) != ports.end();
}

bool ServesDhcpV4(const Network& net) {
  return std::any_of(net.ips.begin(), net.ips.end(),
                     [](const Ip& ip) { return ip.IsIpv4() && ip.HasDhcp(); });
}

/// Parses, checks the name against what vnetctl has, and fills in what libvirt
/// would (PrepareDefinition). Nothing is stored.
Result<Network> Prepare(const Job& job, const SourceNetwork& s) {
  VNET_ASSIGN_OR_RETURN(Network parsed, xml::ParseNetwork(s.xml, s.origin));
  if (import::IsStandIn(parsed)) {
    return MakeError(ErrorKind::kOperationInvalid,
                     "network '" + s.name +
                         "' in libvirt is the stand-in vnetctl left when it took the network "
                         "over (import --handback gives libvirt its own definition back)");
  }
  if (parsed.name != s.name) {
    return MakeError(
        ErrorKind::kInvalidInput,
        "the definition of network '" + s.name + "' names network '" + parsed.name + "'",
        SourceLoc{s.origin, 0, "/network/name"});
  }
  auto existing = job.store.LookupByName(s.name);
  if (existing.ok() && !job.opts.replace) {
    return MakeError(
        ErrorKind::kOperationInvalid,
        "network '" + s.name + "' already exists in vnetctl (--replace overwrites it)");
  }
  if (existing.ok() && existing->active) {
    return MakeError(ErrorKind::kOperationInvalid, "network '" + s.name +
                                                       "' is active in vnetctl; destroy it "
                                                       "before replacing it");
  }
  // --replace: libvirt's uuid, MAC and bridge win over the old definition's.
  DefineResult prepared = PrepareDefinition(job.store, std::move(parsed), HostLinkProbe(job.ctx),
                                            /*replacing=*/existing.ok());
  if (!prepared.errors.empty()) return prepared.errors.front();
  return std::move(*prepared.network);
}

nlohmann::json Record(const Job& job, const SourceNetwork& s, const Network& net,
                      const import::CarryReport& carry) {
  nlohmann::json j{{"name", s.name},
                   {"uuid", net.uuid ? net.uuid->ToString() : ""},
                   {"bridge", net.BridgeName()},
                   {"source", s.origin},
                   {"backend", std::string(job.backend.Name())},
                   {"persistent", s.persistent},
                   {"autostart", s.autostart},
                   {"active_in_libvirt", s.active},
                   {"defined", false},
                   {"started", false},
                   {"taken_over", false},
                   {"leases_carried", 0},
                   {"ports_adopted", 0},
                   {"uncarried", nlohmann::json::array()},
                   {"notes", carry.notes}};
  for (const import::Uncarried& u : carry.uncarried) {
    j["uncarried"].push_back({{"where", u.where}, {"message", u.message}});
  }
  return j;
}

std::string ReportText(const SourceNetwork& s, const import::CarryReport& carry,
                       const std::string& backend) {
  std::string text =
      "Network " + s.name + " (" + State(s) + ") from " + s.origin + ", for " + backend + ":\n";
  for (const import::Uncarried& u : carry.uncarried) {
    text += "  cannot carry " + (u.where.empty() ? std::string("/network") : u.where) + ": " +
            u.message + "\n";
  }
  for (const std::string& n : carry.notes) text += "  note: " + n + "\n";
  return text;
}

/// Stores the definition (replacing vnetctl's network of that name) and the
/// autostart flag; returns the undo.
Result<std::function<void()>> Define(const Job& job, const Network& net, bool autostart) {
  auto before = job.store.LookupByName(net.name);
  if (before.ok() && before->config) VNET_TRY(job.store.Undefine(net.name));
  auto undo = [&job, name = net.name, before] {
    (void)job.store.Undefine(name);
    if (before.ok() && before->config) {
      (void)job.store.Define(MakeDefinition(*before->config));
      if (before->autostart) (void)job.store.SetAutostart(name, true);
    }
  };
  Status defined = job.store.Define(MakeDefinition(net));
  if (defined.ok() && autostart) defined = job.store.SetAutostart(net.name, true);
  if (!defined.ok()) {
    undo();
    return defined.error();
  }
  return std::function<void()>(undo);
}

Status StartOrTakeOver(const Job& job, const SourceNetwork& s, const Network& net, bool dhcp,
                       const std::string& stand_in, Imported& out) {
  std::string backend(job.backend.Name());
  if (job.opts.takeover && s.active) {
    VNET_ASSIGN_OR_RETURN(engine::TakenOver t, TakeOver(job.ctx, *job.session, job.store,
                                                        *job.libvirt, s, net, dhcp, stand_in));
    out.json["started"] = out.json["taken_over"] = true;
    out.json["leases_carried"] = t.leases_carried;
    out.json["ports_adopted"] = t.ports_adopted;
    out.text += "  taken over: libvirt's network stopped; started through " + backend + "; " +
                std::to_string(t.leases_carried) + " leases carried, " +
                std::to_string(t.ports_adopted) + " ports re-attached\n";
    return OkStatus();
  }
  if (job.opts.takeover && job.libvirt) {
    // Inactive in libvirt: the stand-in replaces its definition, inactive,
    // autostarted at boot as libvirt's was (vnetctl's is too).
    VNET_TRY(job.libvirt->Define(stand_in));
    out.text += "  not started (inactive in libvirt)\n";
  }
  if (!job.opts.start) return OkStatus();
  VNET_TRY(cli::Realize(job.ctx, *job.session, job.store, net, nullptr, nullptr,
                        s.autostart && s.persistent));
  out.json["started"] = true;
  out.text += "  started through " + backend + "\n";
  return OkStatus();
}

Imported ImportOne(const Job& job, const SourceNetwork& s) {
  Imported out;
  auto prepared = Prepare(job, s);
  if (!prepared.ok()) {
    out.text = "Network " + s.name + " (" + State(s) + ") from " + s.origin + ": not imported\n";
    out.error = prepared.error();
    out.json = {{"name", s.name}, {"source", s.origin}, {"error", prepared.error().message}};
    return out;
  }
  auto carry = import::CheckCarry(*prepared, job.backend, job.caps);
  if (!carry.ok()) {
    out.error = carry.error();
    out.json = {{"name", s.name}, {"source", s.origin}, {"error", carry.error().message}};
    return out;
  }
  const Network& net = carry->carried;
  bool dhcp = DnsmasqServesDhcp(job, net);
  if (ServesDhcpV4(net) && !dhcp && s.active && job.opts.takeover) {
    carry->notes.push_back(std::string(job.backend.Name()) +
                           " serves DHCP itself and keeps no lease file vnetctl could fill: "
                           "libvirt's leases are not copied, running guests keep their addresses "
                           "by renewing them");
  }
  // Only a takeover leaves libvirt a stand-in.
  import::StandIn stand_in;
  if (job.opts.takeover) {
    stand_in = import::MakeStandIn(*prepared, net.BridgeName());
    for (const std::string& d : stand_in.dropped)
      carry->notes.push_back("libvirt's stand-in: " + d);
  }
  out.json = Record(job, s, net, *carry);
  out.text = ReportText(s, *carry, std::string(job.backend.Name()));
  auto fail = [&](Error e) {
    out.json["error"] = e.message;
    out.error = std::move(e);
    return out;
  };
  if (!carry->uncarried.empty() && !job.opts.allow_partial) {
    return fail(MakeError(ErrorKind::kUnsupported,
                          "network '" + s.name + "' was not imported: the " +
                              std::string(job.backend.Name()) + " backend cannot carry " +
                              std::to_string(carry->uncarried.size()) +
                              " of its elements (listed above; --allow-partial imports it "
                              "without them)"));
  }
  bool realize = job.opts.start || (job.opts.takeover && s.active);
  if (!carry->startable && realize) {
    return fail(MakeError(ErrorKind::kUnsupported,
                          "network '" + s.name + "' cannot be started through the " +
                              std::string(job.backend.Name()) + " backend"));
  }
  if (!s.persistent && !realize) {
    return fail(MakeError(ErrorKind::kOperationInvalid,
                          "network '" + s.name +
                              "' is transient in libvirt (it exists only while it runs): import "
                              "it with --start or --takeover"));
  }
  if (job.opts.dry_run) {
    out.text +=
        "  would be " + std::string(s.persistent ? "defined" : "created") +
        (realize ? (job.opts.takeover && s.active ? " and take over from libvirt's running network"
                                                  : " and started")
                 : "") +
        (job.opts.takeover ? "; libvirt would keep a stand-in on " + net.BridgeName() : "") +
        " (dry run, nothing changed)\n";
    return out;
  }
  std::function<void()> undo = [] {};
  if (s.persistent) {
    auto defined = Define(job, net, s.autostart);
    if (!defined.ok()) return fail(defined.error());
    undo = *defined;
    out.json["defined"] = true;
  }
  const LibvirtKept kept(job.ctx.root);
  if (job.opts.takeover && s.persistent) {
    Status keep = kept.Keep({s.name, s.xml, s.autostart});
    if (!keep.ok()) {
      undo();
      out.json["defined"] = false;
      return fail(keep.error());
    }
  }
  std::string stand_in_xml =
      job.opts.takeover ? xml::FormatNetwork(stand_in.network, {/*inactive=*/true}) : "";
  Status realized = StartOrTakeOver(job, s, net, dhcp, stand_in_xml, out);
  if (!realized.ok()) {
    // A failed takeover gives the network back to libvirt entirely; a failed
    // --start keeps the import, as `define` followed by a failed `start` would.
    if (job.opts.takeover && s.active) {
      undo();
      (void)kept.Forget(s.name);
      out.json["defined"] = false;
    }
    return fail(realized.error());
  }
  if (s.persistent) out.text += "  defined" + std::string(s.autostart ? ", autostart\n" : "\n");
  if (job.opts.takeover && job.libvirt) {
    out.json["stand_in"] = {{"bridge", net.BridgeName()}, {"dropped", stand_in.dropped}};
    out.text +=
        "  libvirt keeps network " + s.name + " as a stand-in in forward mode 'bridge' on " +
        net.BridgeName() + (s.active ? ", active" : "") +
        (s.persistent ? "; its own definition is kept in " + kept.PathOf(s.name) : "") + "\n";
  }
  return out;
}

Status CheckOptions(const Context& ctx, const ImportCmd::Options& opts) {
  if (opts.takeover && !opts.from.empty()) {
    return MakeError(ErrorKind::kUsage,
                     "--takeover needs a libvirt connection (-c URI), not --from DIR");
  }
  if ((opts.start || opts.takeover) && !ctx.OnHostRoot()) {
    return MakeError(ErrorKind::kUsage,
                     "--start and --takeover change the live host, which --root excludes");
  }
  return OkStatus();
}

}  // namespace

void ImportCmd::Setup(CLI::App& app, Options& opts) {
  app.add_option("networks", opts.names, "libvirt networks to import (default: all)");
  auto* connect = app.add_option("-c,--connect", opts.connect,
                                 "libvirt URI to read networks from (default qemu:///system)");
  app.add_option("--from", opts.from,
                 "directory in libvirt's layout (NAME.xml, autostart/ links), e.g. "
                 "/etc/libvirt/qemu/networks")
      ->excludes(connect);
  app.add_flag("--replace", opts.replace, "overwrite vnetctl networks of the same name");
  app.add_flag("--allow-partial", opts.allow_partial,
               "import networks whose elements the backend cannot all carry, without them");
  auto* start = app.add_flag("--start", opts.start, "start the imported networks");
  auto* takeover =
      app.add_flag("--takeover", opts.takeover,
                   "stop libvirt's active networks and start vnetctl's in their place, keeping "
                   "leases and guests' ports; libvirt keeps a stand-in on the bridge so its "
                   "domains still start; libvirt's comes back if that fails")
          ->excludes(start);
  app.add_flag("--handback", opts.handback,
               "give networks taken over back to libvirt as it had them defined, with their "
               "leases and guests' ports, and remove vnetctl's; vnetctl's stays if libvirt's "
               "does not come up")
      ->excludes(start)
      ->excludes(takeover);
  app.add_flag("--dry-run", opts.dry_run,
               "report what would be imported and what cannot be carried; change nothing");
}

RunResult ImportCmd::Run(const Context& ctx, const Options& opts) {
  if (opts.handback) return HandBackNetworks(ctx, opts);
  VNET_TRY(CheckOptions(ctx, opts));
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/!opts.dry_run));
  VNET_ASSIGN_OR_RETURN(BackendFor resolved, ResolveBackend(ctx, {Placement::kRuntime}));
  std::unique_ptr<import::LibvirtClient> libvirt;
  if (opts.from.empty()) {
    VNET_ASSIGN_OR_RETURN(libvirt,
                          import::ConnectLibvirt(opts.connect, !opts.takeover || opts.dry_run));
  }
  std::unique_ptr<LiveSession> session;
  if ((opts.start || opts.takeover) && !opts.dry_run) {
    VNET_ASSIGN_OR_RETURN(session, LiveSession::Open(ctx, false));
  }
  Job job{ctx, opts, store, *resolved.backend, resolved.caps, libvirt.get(), session.get()};
  VNET_ASSIGN_OR_RETURN(std::vector<SourceNetwork> all, ReadSource(job));
  VNET_ASSIGN_OR_RETURN(std::vector<SourceNetwork> chosen, Select(std::move(all), opts.names));
  Output out;
  out.json = nlohmann::json{{"source", SourceName(job)},
                            {"backend", std::string(job.backend.Name())},
                            {"dry_run", opts.dry_run},
                            {"networks", nlohmann::json::array()}};
  for (const SourceNetwork& s : chosen) {
    Imported one = ImportOne(job, s);
    out.text += one.text;
    (*out.json)["networks"].push_back(one.json);
    if (one.error) out.errors.push_back(*one.error);
  }
  if (chosen.empty()) out.text = "No networks to import from " + SourceName(job) + "\n";
  if (opts.takeover && !opts.dry_run) out = WithLibvirtBootOrder(std::move(out), ctx, store);
  return WithWarnings(std::move(out), store);
}

}  // namespace vnet::cli
