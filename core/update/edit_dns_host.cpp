// dns-host: libvirt's virNetworkDefUpdateDNSHost (network_conf.c).
#include <algorithm>

#include "core/update/edit_common.h"
#include "core/xml/parse.h"

namespace vnet::update_internal {
namespace {

bool SharesHostname(const DnsHost& a, const DnsHost& b) {
  return std::any_of(a.hostnames.begin(), a.hostnames.end(), [&](const std::string& name) {
    return std::find(b.hostnames.begin(), b.hostnames.end(), name) != b.hostnames.end();
  });
}

// For an add only the address counts (several addresses may carry one name);
// for a delete a shared hostname counts too.
std::vector<size_t> FindHosts(Network& net, const DnsHost& host, bool is_add) {
  std::vector<size_t> found;
  const std::vector<DnsHost>& hosts = DnsOf(net).hosts;
  for (size_t i = 0; i < hosts.size(); ++i) {
    bool same_ip = host.has_ip && hosts[i].ip == host.ip;
    if (same_ip || (!is_add && SharesHostname(host, hosts[i]))) found.push_back(i);
  }
  return found;
}

// libvirt's parser with partialOkay false: the address first, then the names.
Status CheckNewHost(const Network& net, const DnsHost& host) {
  if (!host.has_ip) {
    return XmlDetail("Missing IP address in network '" + net.name + "' DNS HOST record");
  }
  bool missing =
      host.hostnames.empty() || std::any_of(host.hostnames.begin(), host.hostnames.end(),
                                            [](const std::string& name) { return name.empty(); });
  if (missing) {
    return XmlDetail("Missing hostname in network '" + net.name + "' DNS HOST record");
  }
  return OkStatus();
}

Status DeleteHost(Network& net, const std::vector<size_t>& found) {
  if (found.empty()) {
    return OperationInvalid("couldn't locate a matching DNS HOST record in network " + net.name);
  }
  if (found.size() > 1) {
    return OperationInvalid("multiple matching DNS HOST records were found in network " + net.name);
  }
  EraseEntry(DnsOf(net).hosts, found.front());
  DropEmptyDns(net);
  return OkStatus();
}

}  // namespace

Status EditDnsHost(Network& net, const UpdateRequest& request) {
  if (request.command == UpdateCommand::kModify) {
    return OperationUnsupported("DNS HOST records cannot be modified, only added or deleted");
  }
  VNET_TRY(CheckElementName(net, request.xml, "host"));
  VNET_ASSIGN_OR_RETURN(DnsHost host, xml::ParseDnsHost(request.xml, request.source));
  bool is_add = IsAdd(request.command);
  if (is_add) VNET_TRY(CheckNewHost(net, host));
  // libvirt 9.0 deletes by hostname alone (partialOkay), but not by nothing.
  if (!is_add && !host.has_ip && host.hostnames.empty()) {
    return XmlDetail("Missing ip and hostname in network '" + net.name + "' DNS HOST record");
  }
  std::vector<size_t> found = FindHosts(net, host, is_add);
  if (!is_add) return DeleteHost(net, found);
  if (!found.empty()) {
    return OperationInvalid(
        "there is already at least one DNS HOST record with a matching field in network " +
        net.name);
  }
  InsertEntry(DnsOf(net).hosts, request.command, std::move(host));
  return OkStatus();
}

}  // namespace vnet::update_internal
