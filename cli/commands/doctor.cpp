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
#include "core/validate/validate.h"
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
// apply or start would carry out now: what diff computes. What stops the
// plan (no usable manager, no firewalld zone, ...) is a finding; the checks
// that need no plan still run.
Result<doctor::Subject> SubjectOf(const Context& ctx, LiveSession& session, const Store& store,
                                  const StoredNetwork& n, std::vector<doctor::Finding>& findings) {
  std::optional<plan::NetworkStatus> status;
  if (n.active) {
    Result<std::optional<plan::NetworkStatus>> loaded = LoadStatus(store, n.name);
    if (!loaded.ok()) {
      // Without its record, what vnetctl made for the network is unknown: no
      // plan to check, but the host's own traps still are.
      findings.push_back({doctor::Severity::kError, "plan", n.name,
                          "its status record cannot be read, so what vnetctl made for it is not "
                          "known and its traffic is not checked",
                          loaded.error().Format(),
                          "vnetctl destroy " + n.name + " && vnetctl start " + n.name});
      return doctor::Subject{*n.live, true, {}};
    }
    status = std::move(loaded).value();
  }
  const Network* live_net = status ? &*n.live : nullptr;
  bool autostart = status ? status->placement == Placement::kPersistent : n.autostart;
  doctor::Subject s{status ? *n.live : n.Persistent(), status.has_value(), {}};
  Result<plan::Plan> p = PlanRealize(ctx, session, store, n.Persistent(), live_net,
                                     status ? &*status : nullptr, autostart);
  if (p.ok()) {
    s.plan = std::move(p).value();
  } else {
    findings.push_back({doctor::Severity::kError, "plan", n.name,
                        std::string(status ? "apply" : "start") +
                            " would fail, and what drops the network's traffic is not checked",
                        p.error().Format(), "see the error; vnetctl backends shows the managers"});
  }
  return s;
}

// What the definitions have that libvirt accepts and is unwise
// (NetworkWarnings): the persistent one (the next start's, where `update
// --config` puts a change) and, while active, the live one, each once.
void DefinitionFindings(const StoredNetwork& n, std::vector<doctor::Finding>& findings) {
  std::vector<Error> warnings = NetworkWarnings(n.Persistent());
  if (n.active && n.live && n.config) {
    for (Error& e : NetworkWarnings(*n.live)) {
      auto same = [&](const Error& w) { return w.message == e.message; };
      if (std::none_of(warnings.begin(), warnings.end(), same)) warnings.push_back(std::move(e));
    }
  }
  const Network& net = n.Persistent();
  for (const Error& e : warnings) {
    SourceLoc at = e.where;
    std::string where = at.file + (at.line > 0 ? ":" + std::to_string(at.line) : "");
    if (!at.path.empty()) where += " (" + at.path + ")";
    findings.push_back({doctor::Severity::kWarning, "definition", net.name, e.message, where,
                        "vnetctl edit " + net.name +
                            " (libvirt accepts it as it is; so does vnetctl, and it does what "
                            "the summary says)"});
  }
}

// libvirt's own definitions, read from its directory (libvirtd need not
// run). A bridge-mode network only names a bridge it does not make. One that
// vnetctl cannot read is a finding: its clashes go unchecked.
Result<std::vector<doctor::LibvirtNetwork>> LibvirtNetworks(
    const Context& ctx, live::HostReader& reader, std::vector<doctor::Finding>& findings) {
  std::vector<doctor::LibvirtNetwork> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(std::filesystem::path(ctx.root) / (kLibvirtNetworks + 1),
                                     ec)) {
    return out;
  }
  VNET_ASSIGN_OR_RETURN(std::vector<import::SourceNetwork> found,
                        import::ReadLibvirtDir(ctx.root, kLibvirtNetworks));
  for (const import::SourceNetwork& s : found) {
    Result<Network> parsed = xml::ParseNetwork(s.xml, s.origin);
    if (!parsed.ok()) {
      findings.push_back({doctor::Severity::kWarning, "libvirt", "",
                          "libvirt's network '" + s.name +
                              "' cannot be read, so its bridge and subnets are not "
                              "checked against the networks'",
                          parsed.error().Format(),
                          "correct it with virsh net-edit " + s.name +
                              ", or remove it with virsh net-undefine " + s.name});
      continue;
    }
    const Network& net = *parsed;
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
    VNET_ASSIGN_OR_RETURN(doctor::Subject s, SubjectOf(ctx, *session, store, n, findings));
    DefinitionFindings(n, findings);
    subjects.push_back(std::move(s));
  }
  live::HostReader& reader = session->env().reader;
  VNET_ASSIGN_OR_RETURN(doctor::HostFacts facts,
                        doctor::ReadHostFacts(reader, subjects, NetworkPidFiles(ctx)));
  VNET_ASSIGN_OR_RETURN(facts.libvirt, LibvirtNetworks(ctx, reader, findings));
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
