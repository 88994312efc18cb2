// The dnsmasq configuration, in the order of libvirt's
// networkDnsmasqConfContents (src/network/bridge_driver.c). Each Append*
// function renders one block of that function, in its order.
#include "backends/common/dnsmasq.h"

#include <string_view>
#include <vector>

#include "backends/common/dnsmasq_internal.h"

namespace vnet {

namespace {

using dnsmasq_internal::DhcpIps;

void Line(std::string& out, std::string_view text) {
  out += text;
  out += '\n';
}

bool WantDns(const Network& net) { return !(net.dns && net.dns->enable == false); }

std::string Header(const std::string& name) {
  return "##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
         "##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:\n"
         "##    vnetctl edit " +
         name +
         "\n"
         "## or other vnetctl commands (update, apply).\n"
         "##\n"
         "## dnsmasq conf file created by vnetctl\n"
         "strict-order\n";
}

// no-resolv once some forwarder takes every query no other server= claims.
void AppendForwarders(std::string& out, const Dns& dns) {
  bool no_resolv = false;
  for (const DnsForwarder& fwd : dns.forwarders) {
    std::string line = "server=";
    if (fwd.domain) line += "/" + *fwd.domain + "/";
    if (fwd.addr) {
      line += fwd.addr->ToString();
      no_resolv = no_resolv || !fwd.domain;
    } else {
      line += "#";  // "do not forward queries for this domain"
    }
    Line(out, line);
  }
  if (no_resolv) Line(out, "no-resolv");
}

void AppendDomain(std::string& out, const Network& net) {
  if (!net.domain) return;
  if (net.domain->local_only == true) Line(out, "local=/" + net.domain->name + "/");
  Line(out, "domain=" + net.domain->name);
  Line(out, "expand-hosts");
}

char HexDigit(int nibble) { return "0123456789abcdef"[nibble & 0xf]; }

// virSocketAddrPTRDomain: the reverse zone of a prefix on a label boundary.
Result<std::string> PtrDomain(const Ip& ip) {
  const int prefix = ip.EffectivePrefix();
  const int label_bits = ip.IsIpv4() ? 8 : 4;
  if (prefix <= 0 || prefix >= ip.address.Bits() || prefix % label_bits != 0) {
    return MakeError(ErrorKind::kUnsupported,
                     std::string("unsupported configuration: PTR domain for ") +
                         (ip.IsIpv4() ? "IPv4" : "IPv6") + " network with prefix " +
                         std::to_string(prefix) + " cannot be automatically created",
                     ip.loc);
  }
  std::string ptr;
  for (int i = prefix / label_bits; i > 0; i--) {
    const uint8_t byte = ip.address.bytes[ip.IsIpv4() ? i - 1 : (i - 1) / 2];
    ptr += ip.IsIpv4() ? std::to_string(byte) : std::string(1, HexDigit(i % 2 ? byte >> 4 : byte));
    ptr += '.';
  }
  return ptr + (ip.IsIpv4() ? "in-addr.arpa" : "ip6.arpa");
}

Status AppendLocalPtrs(std::string& out, const Network& net) {
  for (const Ip& ip : net.ips) {
    if (ip.local_ptr != true) continue;
    VNET_ASSIGN_OR_RETURN(std::string ptr, PtrDomain(ip));
    Line(out, "local=/" + ptr + "/");
  }
  return OkStatus();
}

Status AppendDnsOptions(std::string& out, const Network& net) {
  const bool want_dns = WantDns(net);
  if (!want_dns) Line(out, "port=0");  // dnsmasq then answers no DNS at all
  if (want_dns && net.dns) AppendForwarders(out, *net.dns);
  AppendDomain(out, net);
  if (want_dns) VNET_TRY(AppendLocalPtrs(out, net));
  if (want_dns && net.dns && net.dns->forward_plain_names == false) {
    Line(out, "domain-needed");
    Line(out, "local=//");
  }
  return OkStatus();
}

void AppendDaemonOptions(std::string& out, const Network& net, const DnsmasqPaths& paths) {
  if (!paths.pidfile.empty()) Line(out, "pid-file=" + paths.pidfile);
  // vnetctl has no lease helper script, so dnsmasq keeps its own lease file.
  if (!paths.leasefile.empty()) Line(out, "dhcp-leasefile=" + paths.leasefile);
  Line(out, "except-interface=lo");
  // bind-dynamic with interface= only: no answers to queries from elsewhere
  // (CVE-2012-3411).
  Line(out, "bind-dynamic");
  Line(out, "interface=" + net.BridgeName());
  if (net.Mode() == ForwardMode::kNone) {
    // Isolated: no default route for guests (DHCP and RA), no forwarding of
    // queries to the host's resolvers.
    Line(out, "dhcp-option=3");
    Line(out, "no-resolv");
    Line(out, "ra-param=*,0,0");
  }
}

std::string SrvLine(const DnsSrv& srv) {
  std::string line = "srv-host=_" + srv.service + "._" + srv.protocol;
  if (srv.domain) line += "." + *srv.domain;
  // A target of "." means "no such service here" (RFC 2782): nothing follows.
  if (!srv.target || *srv.target == ".") return line;
  line += "," + *srv.target;
  // Fields are positional, so an unset one before a set one gets its
  // default (port 1, priority 0).
  const uint32_t port = srv.port.value_or(0);
  const uint32_t priority = srv.priority.value_or(0);
  const uint32_t weight = srv.weight.value_or(0);
  if (port || priority || weight) line += "," + std::to_string(port ? port : 1);
  if (priority || weight) line += "," + std::to_string(priority);
  if (weight) line += "," + std::to_string(weight);
  return line;
}

void AppendDnsRecords(std::string& out, const Network& net) {
  if (!WantDns(net) || !net.dns) return;
  for (const DnsTxt& txt : net.dns->txts) {
    Line(out, "txt-record=" + txt.name + "," + dnsmasq_internal::Quoted(txt.value));
  }
  for (const DnsSrv& srv : net.dns->srvs) Line(out, SrvLine(srv));
}

void AppendTftp(std::string& out, const Network& net) {
  bool enabled = false;
  for (const Ip& ip : net.ips) {
    if (!ip.IsIpv4() || !ip.tftp_root) continue;
    if (!enabled) Line(out, "enable-tftp");
    enabled = true;
    Line(out, "tftp-root=" + dnsmasq_internal::Quoted(*ip.tftp_root));
  }
}

Result<int> DhcpPrefix(const Network& net, const Ip& ip) {
  const int prefix = ip.EffectivePrefix();
  if (prefix >= 0 && prefix <= ip.address.Bits()) return prefix;
  return MakeError(ErrorKind::kInvalidInput,
                   "internal error: bridge '" + net.BridgeName() + "' has an invalid prefix",
                   ip.loc);
}

// dnsmasq wants a netmask for IPv4 and a prefix length for IPv6.
std::string RangeMask(const Ip& ip, int prefix) {
  return ip.IsIpv4() ? NetmaskFromPrefix(prefix).ToString() : std::to_string(prefix);
}

uint64_t AppendRanges(std::string& out, const Ip& ip, int prefix) {
  uint64_t leases = 0;
  for (const DhcpRange& range : ip.dhcp->ranges) {
    std::string line = "dhcp-range=" + range.start.ToString() + "," + range.end.ToString() + "," +
                       RangeMask(ip, prefix);
    if (range.lease) line += "," + dnsmasq_internal::LeaseTime(*range.lease);
    Line(out, line);
    leases += RangeSize(range.start, range.end);
  }
  if (ip.dhcp->ranges.empty()) {
    // Static hosts only: this range switches dnsmasq's DHCP on without a pool.
    Line(out, "dhcp-range=" + ip.address.ToString() + ",static" +
                  (ip.IsIpv6() ? "," + std::to_string(prefix) : ""));
  }
  return leases;
}

void AppendIpv4DhcpOptions(std::string& out, const Ip& ip) {
  Line(out, "dhcp-no-override");
  // As libvirt after 9.9.0: with static hosts only, authoritative mode would
  // make dnsmasq answer clients it has no host entry for.
  if (!ip.dhcp->ranges.empty()) Line(out, "dhcp-authoritative");
  if (const auto& bootp = ip.dhcp->bootp) {
    Line(out, "dhcp-boot=" + dnsmasq_internal::Quoted(bootp->file) +
                  (bootp->server ? ",," + bootp->server->ToString() : ""));
  }
}

Result<uint64_t> AppendDhcp(std::string& out, const Network& net, const Ip* ip) {
  if (ip == nullptr) return uint64_t{0};
  VNET_ASSIGN_OR_RETURN(const int prefix, DhcpPrefix(net, *ip));
  const uint64_t leases = AppendRanges(out, *ip, prefix);
  if (ip->IsIpv4()) AppendIpv4DhcpOptions(out, *ip);
  return leases;
}

void AppendRouterAdvertisement(std::string& out, const Network& net, const DhcpIps& dhcp) {
  if (dhcp.v6 != nullptr) {
    Line(out, "enable-ra");
    return;
  }
  for (const Ip& ip : net.ips) {
    if (ip.IsIpv6()) Line(out, "dhcp-range=" + ip.address.ToString() + ",ra-only");
  }
}

Status AppendServices(std::string& out, const Network& net, const DnsmasqPaths& paths) {
  VNET_ASSIGN_OR_RETURN(const DhcpIps dhcp, dnsmasq_internal::FindDhcpIps(net));
  AppendTftp(out, net);
  VNET_ASSIGN_OR_RETURN(const uint64_t v4_leases, AppendDhcp(out, net, dhcp.v4));
  VNET_ASSIGN_OR_RETURN(const uint64_t v6_leases, AppendDhcp(out, net, dhcp.v6));
  if (v4_leases + v6_leases > 0) {
    Line(out, "dhcp-lease-max=" + std::to_string(v4_leases + v6_leases));
  }
  // Both files are named even when empty, so hosts can be added at runtime.
  if (dhcp.v4 || dhcp.v6) Line(out, "dhcp-hostsfile=" + paths.hostsfile);
  if (WantDns(net)) Line(out, "addn-hosts=" + paths.addnhosts);
  if (net.mtu && *net.mtu > 0) Line(out, "dhcp-option=option:mtu," + std::to_string(*net.mtu));
  AppendRouterAdvertisement(out, net, dhcp);
  for (const std::string& option : net.dnsmasq_options) Line(out, option);
  return OkStatus();
}

struct Field {
  std::string value;  // a copy: several values are value_or("") temporaries
  std::string_view what;
  const SourceLoc* where;
};

void AddDnsFields(std::vector<Field>& fields, const Dns& dns) {
  for (const DnsForwarder& f : dns.forwarders) {
    fields.push_back({f.domain.value_or(""), "DNS forwarder domain", &f.loc});
  }
  for (const DnsTxt& t : dns.txts) {
    fields.push_back({t.name, "DNS TXT record name", &t.loc});
    fields.push_back({t.value, "DNS TXT record value", &t.loc});
  }
  for (const DnsSrv& s : dns.srvs) {
    fields.push_back({s.service, "DNS SRV record service", &s.loc});
    fields.push_back({s.protocol, "DNS SRV record protocol", &s.loc});
    fields.push_back({s.domain.value_or(""), "DNS SRV record domain", &s.loc});
    fields.push_back({s.target.value_or(""), "DNS SRV record target", &s.loc});
  }
}

void AddIpFields(std::vector<Field>& fields, const Ip& ip) {
  fields.push_back({ip.tftp_root.value_or(""), "TFTP root", &ip.loc});
  if (ip.dhcp && ip.dhcp->bootp) {
    fields.push_back({ip.dhcp->bootp->file, "DHCP bootp file", &ip.dhcp->bootp->loc});
  }
}

// Every free-text value that the configuration file itself carries.
std::vector<Field> ConfFields(const Network& net, const DnsmasqPaths& paths) {
  std::vector<Field> fields = {
      {net.name, "name", &net.loc},
      {net.BridgeName(), "bridge name", &net.loc},
      {paths.hostsfile, "dhcp-hostsfile path", &net.loc},
      {paths.addnhosts, "addn-hosts path", &net.loc},
      {paths.pidfile, "pid file path", &net.loc},
      {paths.leasefile, "lease file path", &net.loc},
  };
  if (net.domain) fields.push_back({net.domain->name, "domain name", &net.domain->loc});
  if (net.dns) AddDnsFields(fields, *net.dns);
  for (const Ip& ip : net.ips) AddIpFields(fields, ip);
  for (const std::string& option : net.dnsmasq_options) {
    fields.push_back({option, "dnsmasq option", &net.loc});
  }
  return fields;
}

Status CheckRenderable(const Network& net, const DnsmasqPaths& paths) {
  if (!net.HasManagedBridge()) {
    return MakeError(ErrorKind::kUnsupported,
                     "network '" + net.name + "' with forward mode '" +
                         std::string(ForwardModeName(net.Mode())) +
                         "' has no bridge of its own to serve DHCP and DNS on",
                     net.loc);
  }
  if (net.BridgeName().empty()) {
    return MakeError(ErrorKind::kInvalidInput, "network '" + net.name + "' has no bridge name",
                     net.loc);
  }
  for (const Field& field : ConfFields(net, paths)) {
    VNET_TRY(dnsmasq_internal::CheckOneLine(field.value, field.what, net, *field.where));
  }
  return OkStatus();
}

}  // namespace

bool NeedsDnsmasq(const Network& net) {
  if (!net.HasManagedBridge() || net.ips.empty()) return false;
  for (const Ip& ip : net.ips) {
    if (ip.HasDhcp() || ip.tftp_root) return true;
  }
  return WantDns(net);
}

Result<DnsmasqConfig> RenderDnsmasq(const Network& net, const DnsmasqPaths& paths) {
  VNET_TRY(CheckRenderable(net, paths));
  DnsmasqConfig config;
  config.conf = Header(net.name);
  VNET_TRY(AppendDnsOptions(config.conf, net));
  AppendDaemonOptions(config.conf, net, paths);
  AppendDnsRecords(config.conf, net);
  VNET_TRY(AppendServices(config.conf, net, paths));
  VNET_ASSIGN_OR_RETURN(config.hostsfile, RenderDnsmasqHostsfile(net));
  VNET_ASSIGN_OR_RETURN(config.addnhosts, RenderDnsmasqAddnhosts(net));
  return config;
}

std::vector<std::string> DnsmasqArgv(const DnsmasqPaths& paths) {
  std::vector<std::string> argv = {kDnsmasqBinary, "--conf-file=" + paths.conf};
  if (paths.leasefile.empty()) argv.push_back("--leasefile-ro");
  if (paths.pidfile.empty()) argv.push_back("--keep-in-foreground");
  return argv;
}

}  // namespace vnet
