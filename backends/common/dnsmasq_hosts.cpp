// dhcp-hostsfile and addn-hosts contents, in libvirt's formats
// (src/util/virdnsmasq.c: hostsfileAdd, addnhostsAdd, addnhostsWrite).
#include <utility>
#include <vector>

#include "backends/common/dnsmasq.h"
#include "backends/common/dnsmasq_internal.h"

namespace vnet {

namespace {

using dnsmasq_internal::CheckOneLine;

std::string Ipv6HostLine(const DhcpHost& host) {
  std::string line;
  if (host.name && host.id) {
    line = "id:" + *host.id + "," + *host.name;
  } else if (host.name) {
    line = *host.name;
  } else if (host.id) {
    line = "id:" + *host.id;
  }
  return line + ",[" + host.ip->ToString() + "]";
}

// Appended in place: a network may have 10,000 hosts.
void AppendIpv4HostLine(std::string& out, const DhcpHost& host) {
  if (host.name && !host.mac) {
    out += *host.name;
    out += ',';
    out += host.ip->ToString();
    return;
  }
  if (host.mac) out += host.mac->ToString();
  out += ',';
  out += host.ip->ToString();
  if (host.name) {
    out += ',';
    out += *host.name;
  }
}

Status CheckHost(const Network& net, const DhcpHost& host) {
  if (host.name) VNET_TRY(CheckOneLine(*host.name, "DHCP host name", net, host.loc));
  if (host.id) VNET_TRY(CheckOneLine(*host.id, "DHCP host id", net, host.loc));
  return OkStatus();
}

Status AppendHosts(std::string& out, const Network& net, const Ip* ip) {
  if (ip == nullptr) return OkStatus();
  out.reserve(out.size() + 64 * ip->dhcp->hosts.size());
  for (const DhcpHost& host : ip->dhcp->hosts) {
    if (!host.ip) continue;  // libvirt skips hosts without an address
    VNET_TRY(CheckHost(net, host));
    if (ip->IsIpv6()) {
      out += Ipv6HostLine(host);
    } else {
      AppendIpv4HostLine(out, host);
    }
    if (host.lease) out += "," + dnsmasq_internal::LeaseTime(*host.lease);
    out += '\n';
  }
  return OkStatus();
}

using AddnHost = std::pair<std::string, std::vector<std::string>>;

// Names for one address share a line, in the order the addresses first appear.
std::vector<std::string>& NamesFor(std::vector<AddnHost>& hosts, const std::string& ip) {
  for (AddnHost& host : hosts) {
    if (host.first == ip) return host.second;
  }
  return hosts.emplace_back(ip, std::vector<std::string>{}).second;
}

}  // namespace

Result<std::string> RenderDnsmasqHostsfile(const Network& net) {
  VNET_ASSIGN_OR_RETURN(dnsmasq_internal::DhcpIps dhcp, dnsmasq_internal::FindDhcpIps(net));
  std::string out;
  VNET_TRY(AppendHosts(out, net, dhcp.v4));
  VNET_TRY(AppendHosts(out, net, dhcp.v6));
  return out;
}

Result<std::string> RenderDnsmasqAddnhosts(const Network& net) {
  if (!net.dns) return std::string();
  std::vector<AddnHost> hosts;
  for (const DnsHost& host : net.dns->hosts) {
    for (const std::string& name : host.hostnames) {
      VNET_TRY(CheckOneLine(name, "DNS host name", net, host.loc));
      NamesFor(hosts, host.ip.ToString()).push_back(name);
    }
  }
  std::string out;
  for (const auto& [ip, names] : hosts) {
    out += ip + '\t';
    for (const std::string& name : names) out += name + '\t';
    out += '\n';
  }
  return out;
}

}  // namespace vnet
