// vnetctl doctor [NAME...]: the traps on this host that break VM networks --
// a firewall that drops their traffic, another DHCP/DNS server on every
// address, forwarding off, strict reverse-path filtering, br_netfilter, a
// route or a libvirt network on the same subnet or bridge, NetworkManager's
// claim on the bridge, offloaded DHCP checksums -- each with what
// was seen and the fix. With no NAME, every network vnetctl has. Exit 0 when
// nothing is wrong (notes do not count), 2 when something is.
#include "core/doctor/doctor.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>

#include "backends/files.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/commands/realize.h"
#include "core/import/libvirt_source.h"
#include "core/xml/parse.h"

namespace vnet::cli {

namespace {

constexpr const char* kLibvirtNetworks = "/etc/libvirt/qemu/networks";
constexpr const char* kLibvirtStatus = "/run/libvirt/network/";

Result<std::vector<std::string>> AllNames(const Store& store) {
  VNET_ASSIGN_OR_RETURN(std::vector<NetworkSummary> nets, store.Summaries());
  std::vector<std::string> names;
  for (const NetworkSummary& n : nets) names.push_back(n.name);
  return names;
}

// The network as it is (live definition) or would be started, and the plan
// apply or start would carry out now: what diff computes.
Result<doctor::Subject> SubjectOf(const Context& ctx, LiveSession& session, const Store& store,
                                  const StoredNetwork& n) {
  std::optional<plan::NetworkStatus> status;
  if (n.active) {
    VNET_ASSIGN_OR_RETURN(status, LoadStatus(store, n.name));
  }
  const Network* live_net = status ? &*n.live : nullptr;
  bool autostart = status ? status->placement == Placement::kPersistent : n.autostart;
  VNET_ASSIGN_OR_RETURN(plan::Plan p, PlanRealize(ctx, session, n.Persistent(), live_net,
                                                  status ? &*status : nullptr, autostart));
  return doctor::Subject{status ? *n.live : n.Persistent(), status.has_value(), std::move(p)};
}

// libvirt's own definitions, read from its directory (libvirtd need not
// run). A bridge-mode network only names a bridge it does not make.
Result<std::vector<doctor::LibvirtNetwork>> LibvirtNetworks(const Context& ctx,
                                                            live::HostReader& reader) {
  std::vector<doctor::LibvirtNetwork> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(std::filesystem::path(ctx.root) / (kLibvirtNetworks + 1),
                                     ec)) {
    return out;
  }
  VNET_ASSIGN_OR_RETURN(std::vector<import::SourceNetwork> found,
                        import::ReadLibvirtDir(ctx.root, kLibvirtNetworks));
  for (const import::SourceNetwork& s : found) {
    VNET_ASSIGN_OR_RETURN(Network net, xml::ParseNetwork(s.xml, s.origin));
    doctor::LibvirtNetwork l{s.name, s.origin, "", {}, s.autostart, false};
    if (net.HasManagedBridge()) l.bridge = net.BridgeName();
    for (const Ip& ip : net.ips) l.subnets.emplace_back(ip.address, ip.EffectivePrefix());
    VNET_ASSIGN_OR_RETURN(live::FileState status,
                          reader.ReadFile(kLibvirtStatus + s.name + ".xml"));
    l.active = status.exists;
    out.push_back(std::move(l));
  }
  return out;
}

// The names of a directory's entries under the root (none when it is missing).
std::vector<std::string> Entries(const Context& ctx, const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(ctx.root) / dir.substr(1), ec)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The pid files of the networks' dnsmasqs, vnetctl's and libvirt's (absolute
// on the target system).
std::vector<std::string> NetworkPidFiles(const Context& ctx) {
  std::vector<std::string> files;
  const std::string vnetctl = std::filesystem::path(DnsmasqPidPath("-")).parent_path().string();
  for (const std::string& dir : {vnetctl + "/", std::string(kLibvirtStatus)}) {
    for (const std::string& name : Entries(ctx, dir)) {
      if (name.ends_with(".pid")) files.push_back(dir + name);
    }
  }
  return files;
}

}  // namespace

void DoctorCmd::Setup(CLI::App& app, Options& opts) {
  app.add_option("networks", opts.networks, "network names (none: every network vnetctl has)");
}

RunResult DoctorCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  std::vector<std::string> names = opts.networks;
  if (names.empty()) {
    VNET_ASSIGN_OR_RETURN(names, AllNames(store));
  }
  VNET_ASSIGN_OR_RETURN(auto session, LiveSession::Open(ctx, /*dry_run=*/true));
  std::vector<doctor::Subject> subjects;
  std::vector<doctor::Finding> findings;
  for (const std::string& name : names) {
    VNET_ASSIGN_OR_RETURN(StoredNetwork n, store.Lookup(name));
    Result<doctor::Subject> s = SubjectOf(ctx, *session, store, n);
    if (s.ok()) {
      subjects.push_back(std::move(s).value());
    } else {  // what stops the plan (no usable manager, ...) is a finding too
      findings.push_back({doctor::Severity::kError, "plan", n.name,
                          "vnetctl cannot plan this network, so checks nothing else of it",
                          s.error().Format(),
                          "see the error; vnetctl backends shows the managers"});
    }
  }
  live::HostReader& reader = session->env().reader;
  VNET_ASSIGN_OR_RETURN(doctor::HostFacts facts,
                        doctor::ReadHostFacts(reader, subjects, NetworkPidFiles(ctx)));
  VNET_ASSIGN_OR_RETURN(facts.libvirt, LibvirtNetworks(ctx, reader));
  auto list = [&](const std::string& dir) { return Entries(ctx, dir); };
  facts.connections = doctor::ReadConnections(reader, list);
  facts.nm_connections = doctor::ReadNmConnections(reader, list);
  for (doctor::Finding& f : doctor::Examine(subjects, facts)) findings.push_back(std::move(f));
  Output out;
  out.text = doctor::FormatFindings(findings, ctx.color);
  out.json = doctor::FindingsToJson(findings);
  nlohmann::json checked = nlohmann::json::array();
  for (const doctor::Subject& s : subjects) checked.push_back(s.net.name);
  (*out.json)["networks"] = checked;
  if (doctor::Problems(findings) > 0) out.exit = ExitCode::kDiffFound;
  return out;
}

}  // namespace vnet::cli
