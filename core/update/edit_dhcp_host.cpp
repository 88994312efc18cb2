// ip-dhcp-host: libvirt's virNetworkDefUpdateIPDHCPHost (network_conf.c).
#include <optional>

#include "core/update/edit_common.h"
#include "core/validate/validate.h"
#include "core/xml/parse.h"

namespace vnet::update_internal {
namespace {

bool SameMac(const DhcpHost& a, const DhcpHost& b) { return a.mac && b.mac && *a.mac == *b.mac; }
bool SameName(const DhcpHost& a, const DhcpHost& b) { return a.name && a.name == b.name; }
bool SameIp(const DhcpHost& a, const DhcpHost& b) { return a.ip && a.ip == b.ip; }

// The three attributes as libvirt prints them in its messages; a missing name
// comes out as glibc's "(null)".
std::string MacText(const DhcpHost& h) { return h.mac ? h.mac->ToString() : "unknown"; }
std::string NameText(const DhcpHost& h) { return h.name ? *h.name : "(null)"; }
std::string IpText(const DhcpHost& h) { return h.ip ? h.ip->ToString() : "unknown"; }

std::vector<DhcpHost>& HostsOf(Ip& parent) {
  if (!parent.dhcp) parent.dhcp.emplace();
  return parent.dhcp->hosts;
}

// The checks libvirt's parser makes on a fragment that only has to identify
// an entry (partialOkay): identification attributes, no MAC under IPv6.
Status CheckPartialHost(const Network& net, const Ip& parent, const DhcpHost& host) {
  if (host.mac && parent.IsIpv6()) {
    return XmlError("Invalid to specify MAC address '" + MacText(host) + "' in network '" +
                    net.name + "' IPv6 static host definition");
  }
  if (host.mac && host.mac->IsMulticast()) {
    return XmlError("expected unicast mac address, found multicast '" + MacText(host) +
                    "' in network '" + net.name + "'");
  }
  if (!host.mac && !host.name && !host.ip) {
    return XmlError(
        "At least one of name, mac, or ip attribute must be specified for static host "
        "definition in network '" +
        net.name + "'");
  }
  return OkStatus();
}

// libvirt checks the family after its parser's checks but before vnetctl's
// stricter ones (which would call such an address "outside the subnet"). The
// parser's checks are run alone by hiding the address: they then end with the
// missing-address error, unless an earlier one applies.
Status CheckFamily(const Network& net, const Ip& parent, const DhcpHost& host) {
  DhcpHost without_ip = host;
  without_ip.ip.reset();
  std::vector<Error> errors = ValidateDhcpHost(without_ip, parent, net);
  std::string missing_ip =
      "XML error: Missing IP address in static host definition for network '" + net.name + "'";
  if (!errors.empty() && errors.front().message != missing_ip) return errors.front();
  return OperationInvalid(
      "the address family of a host entry IP must match the address family of the dhcp "
      "element's parent");
}

// A complete entry: the same rules as a host in a definition, and the family
// of its address must be the parent's.
Status CheckFullHost(const Network& net, const Ip& parent, const DhcpHost& host) {
  if (host.ip && host.ip->family != parent.AddrFamily()) return CheckFamily(net, parent, host);
  std::vector<Error> errors = ValidateDhcpHost(host, parent, net);
  if (!errors.empty()) return errors.front();
  return OkStatus();
}

Status ModifyHost(const Network& net, Ip& parent, DhcpHost host) {
  for (DhcpHost& existing : HostsOf(parent)) {
    if (SameMac(host, existing) || SameIp(host, existing) || SameName(host, existing)) {
      existing = std::move(host);
      return OkStatus();
    }
  }
  return OperationInvalid("couldn't locate an existing dhcp host entry with \"mac='" +
                          MacText(host) + "'\" \"name='" + NameText(host) + "'\" \"ip='" +
                          IpText(host) + "'\" in network '" + net.name + "'");
}

Status AddHost(const Network& net, Ip& parent, UpdateCommand command, DhcpHost host) {
  VNET_TRY(CheckMultiDhcp(net, parent));
  for (const DhcpHost& existing : HostsOf(parent)) {
    if (SameMac(host, existing) || SameName(host, existing) || SameIp(host, existing)) {
      return OperationInvalid("there is an existing dhcp host entry in network '" + net.name +
                              "' that matches \"<host mac='" + MacText(host) + "' name='" +
                              NameText(host) + "' ip='" + IpText(host) + "'/>\"");
    }
  }
  InsertEntry(HostsOf(parent), command, std::move(host));
  return OkStatus();
}

// Every attribute the fragment gives must match; as in libvirt, a MAC given in
// the fragment is ignored for entries that have none.
bool MatchesForDelete(const DhcpHost& want, const DhcpHost& existing) {
  return (!want.mac || !existing.mac || *want.mac == *existing.mac) &&
         (!want.name || want.name == existing.name) && (!want.ip || want.ip == existing.ip);
}

Status DeleteHost(const Network& net, Ip& parent, const DhcpHost& host) {
  std::vector<DhcpHost>& hosts = HostsOf(parent);
  for (size_t i = 0; i < hosts.size(); ++i) {
    if (!MatchesForDelete(host, hosts[i])) continue;
    EraseEntry(hosts, i);
    return OkStatus();
  }
  return OperationInvalid("couldn't locate a matching dhcp host entry in network '" + net.name +
                          "'");
}

}  // namespace

Status EditDhcpHost(Network& net, const UpdateRequest& request) {
  VNET_TRY(CheckElementName(net, request.xml, "host"));
  VNET_ASSIGN_OR_RETURN(size_t index, ParentIpIndex(net, request.parent_index));
  VNET_ASSIGN_OR_RETURN(DhcpHost host, xml::ParseDhcpHost(request.xml, request.source));
  Ip& parent = net.ips[index];
  if (request.command == UpdateCommand::kDelete) {
    VNET_TRY(CheckPartialHost(net, parent, host));
    VNET_TRY(DeleteHost(net, parent, host));
    DropEmptyDhcp(parent);
    return OkStatus();
  }
  VNET_TRY(CheckFullHost(net, parent, host));
  if (request.command == UpdateCommand::kModify) return ModifyHost(net, parent, std::move(host));
  return AddHost(net, parent, request.command, std::move(host));
}

}  // namespace vnet::update_internal
