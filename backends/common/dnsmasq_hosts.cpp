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

std::string Ipv4HostLine(const DhcpHost& host) {
  const std::string ip = host.ip->ToString();
  const std::string mac = host.mac ? host.mac->ToString() : "";
  if (host.name && host.mac) return mac + "," + ip + "," + *host.name;
  if (host.name) return *host.name + "," + ip;
  return mac + "," + ip;
}

Status CheckHost(const Network& net, const DhcpHost& host) {
  VNET_TRY(CheckOneLine(host.name.value_or(""), "DHCP host name", net, host.loc));
  return CheckOneLine(host.id.value_or(""), "DHCP host id", net, host.loc);
}

Status AppendHosts(std::string& out, const Network& net, const Ip* ip) {
  if (ip == nullptr) return OkStatus();
  for (const DhcpHost& host : ip->dhcp->hosts) {
    if (!host.ip) continue;  // libvirt skips hosts without an address
    VNET_TRY(CheckHost(net, host));
    out += ip->IsIpv6() ? Ipv6HostLine(host) : Ipv4HostLine(host);
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
