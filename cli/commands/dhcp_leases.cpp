// vnetctl dhcp-leases NAME [--mac MAC] [--json]   (virsh net-dhcp-leases)
// Read from the lease file of the network's dnsmasq, which serves DHCP on
// every backend (see vnetctl(1) BACKENDS).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <ctime>

#include "backends/files.h"
#include "cli/commands/commands.h"
#include "cli/commands/common.h"
#include "cli/table.h"
#include "cli/virsh_args.h"
#include "core/io/dir.h"
#include "core/live/leases.h"

namespace vnet::cli {

namespace {

std::string ExpiryTime(int64_t expiry) {
  if (expiry == 0) return "never";
  std::time_t t = static_cast<std::time_t>(expiry);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

// The prefix of the network's <ip> whose subnet holds the lease (virsh shows
// "a.b.c.d/prefix"); 0 if none does.
int PrefixFor(const Network& net, const std::string& ip) {
  auto addr = IpAddr::Parse(ip);
  if (!addr) return 0;
  for (const Ip& i : net.ips) {
    if (i.address.family == addr->family && InSubnet(*addr, i.address, i.EffectivePrefix())) {
      return i.EffectivePrefix();
    }
  }
  return 0;
}

Result<std::string> ReadLeaseFile(const Context& ctx, const std::string& name) {
  std::string path = DnsmasqLeasePath(name);
  auto slash = path.rfind('/');
  auto dir = io::Dir::Open(ctx.root, path.substr(1, slash - 1), /*create=*/false);
  if (!dir.ok()) {
    if (dir.error().kind == ErrorKind::kNotFound) return std::string();
    return dir.error();
  }
  VNET_ASSIGN_OR_RETURN(std::optional<std::string> text,
                        dir->ReadFile(path.substr(slash + 1), 64u << 20));
  return text.value_or("");
}

std::string Dash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace

void DhcpLeasesCmd::Setup(CLI::App& app, Options& opts) {
  VirshArgs(app).Add("network", opts.network, "network name or uuid");
  app.add_option("--mac", opts.mac, "only the leases of this MAC address");
}

RunResult DhcpLeasesCmd::Run(const Context& ctx, const Options& opts) {
  VNET_ASSIGN_OR_RETURN(Store store, OpenStore(ctx, /*lock=*/false));
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, store.Lookup(opts.network));
  // Active or not, as libvirt (networkGetDHCPLeases has no active check):
  // the lease file outlives a destroy, and a network never started has none
  // (an empty table, exit 0; scripts poll this while the network comes up).
  std::optional<MacAddr> want_mac;
  if (!opts.mac.empty()) {
    want_mac = MacAddr::Parse(opts.mac);
    if (!want_mac) {
      return MakeError(ErrorKind::kInvalidInput, "invalid MAC address '" + opts.mac + "'");
    }
  }
  VNET_ASSIGN_OR_RETURN(std::string text, ReadLeaseFile(ctx, net.name));
  live::DnsmasqLeaseFile file = live::ParseDnsmasqLeases(text);
  std::vector<live::DnsmasqLease> leases;
  for (const live::DnsmasqLease& l : file.leases) {
    auto mac = MacAddr::Parse(l.mac);
    if (want_mac && !(mac && *mac == *want_mac)) continue;
    leases.push_back(l);
  }
  std::stable_sort(leases.begin(), leases.end(),
                   [](const auto& a, const auto& b) { return a.mac < b.mac; });
  Output out;
  out.json = nlohmann::json::array();
  std::vector<TableRow> rows;
  for (const live::DnsmasqLease& l : leases) {
    int prefix = PrefixFor(net.Current(), l.ip);
    std::string ip = l.ip + "/" + std::to_string(prefix);
    rows.push_back(
        {ExpiryTime(l.expiry), Dash(l.mac), l.type, ip, Dash(l.hostname), Dash(l.client_id)});
    out.json->push_back({{"expiry_time", l.expiry},
                         {"mac", l.mac},
                         {"type", l.type},
                         {"ipaddr", l.ip},
                         {"prefix", prefix},
                         {"hostname", l.hostname},
                         {"clientid", l.client_id},
                         {"iaid", l.iaid}});
  }
  out.text = FormatTable(
      {"Expiry Time", "MAC address", "Protocol", "IP address", "Hostname", "Client ID or DUID"},
      rows, !ctx.quiet);
  for (const auto& m : file.malformed) {
    out.warnings.push_back(MakeError(ErrorKind::kSystem, DnsmasqLeasePath(net.name) + ":" +
                                                             std::to_string(m.line) +
                                                             ": unreadable lease line skipped"));
  }
  return out;
}

}  // namespace vnet::cli
