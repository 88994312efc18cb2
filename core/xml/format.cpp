// FormatNetwork: libvirt's virNetworkDefFormatBuf, section by section.
#include "core/xml/format.h"

#include "core/xml/format_internal.h"
#include "core/xml/parse_metadata.h"

namespace vnet::xml {

namespace {

std::string NetworkOpenTag(const Network& net) {
  std::string open = "<network";
  if (!net.dnsmasq_options.empty()) open += AttrText("xmlns:dnsmasq", kDnsmasqNamespace);
  if (net.ipv6_no_gateway) open += " ipv6='yes'";
  if (net.trust_guest_rx_filters) {
    open += std::string(" trustGuestRxFilters='") + YesNo(*net.trust_guest_rx_filters) + "'";
  }
  return open + ">";
}

void FormatIdentity(XmlWriter& w, const Network& net) {
  w.Line("<name>" + Escape(net.name) + "</name>");
  if (net.uuid) w.Line("<uuid>" + net.uuid->ToString() + "</uuid>");
  if (net.title) w.Line("<title>" + Escape(*net.title) + "</title>");
  if (net.description) w.Line("<description>" + Escape(*net.description) + "</description>");
  if (net.metadata) {
    // The stored children already carry libxml2's own line breaks and indentation.
    w.Line(net.metadata->empty() ? "<metadata/>" : "<metadata>" + *net.metadata + "</metadata>");
  }
}

void FormatAddressing(XmlWriter& w, const Network& net) {
  if (net.mtu.value_or(0) != 0) w.Line("<mtu size='" + std::to_string(*net.mtu) + "'/>");
  if (net.mac) w.Line("<mac address='" + net.mac->ToString() + "'/>");
  if (net.domain) {
    std::string line = "<domain" + AttrText("name", net.domain->name);
    if (net.domain->local_only) {
      line += std::string(" localOnly='") + YesNo(*net.domain->local_only) + "'";
    }
    w.Line(line + "/>");
  }
  if (net.dns) FormatDns(w, *net.dns);
}

void FormatPortLevel(XmlWriter& w, const Network& net) {
  if (net.vlan) FormatVlan(w, *net.vlan);
  if (net.bandwidth) FormatBandwidth(w, *net.bandwidth);
  if (net.port_isolated) {
    w.Line(std::string("<port isolated='") + YesNo(*net.port_isolated) + "'/>");
  }
}

void FormatDnsmasqOptions(XmlWriter& w, const Network& net) {
  if (net.dnsmasq_options.empty()) return;
  w.Line("<dnsmasq:options>");
  w.Indent();
  for (const std::string& option : net.dnsmasq_options) {
    w.Line("<dnsmasq:option" + AttrText("value", option) + "/>");
  }
  w.Dedent();
  w.Line("</dnsmasq:options>");
}

}  // namespace

namespace {

// A host line is ~80 bytes: reserving up front spares a 10,000-host network
// a dozen reallocations (and copies) of the growing document.
size_t EstimatedSize(const Network& net) {
  size_t hosts = 0;
  for (const Ip& ip : net.ips) hosts += ip.dhcp ? ip.dhcp->hosts.size() : 0;
  return 1024 + 96 * hosts;
}

}  // namespace

std::string FormatNetwork(const Network& net, const FormatOptions& options) {
  XmlWriter w;
  w.Reserve(EstimatedSize(net));
  w.Line(NetworkOpenTag(net));
  w.Indent();
  FormatIdentity(w, net);
  if (net.forward) FormatForward(w, *net.forward, options.inactive);
  FormatBridge(w, net);
  FormatAddressing(w, net);
  FormatPortLevel(w, net);
  for (const Ip& ip : net.ips) FormatIp(w, ip);
  for (const Route& route : net.routes) FormatRoute(w, route);
  if (net.virtualport) FormatVirtualPort(w, *net.virtualport);
  for (const Portgroup& pg : net.portgroups) FormatPortgroupTo(w, pg);
  FormatDnsmasqOptions(w, net);
  w.Dedent();
  w.Line("</network>");
  return w.Take();
}

std::string FormatPortgroup(const Portgroup& pg) {
  XmlWriter w;
  FormatPortgroupTo(w, pg);
  std::string out = w.Take();
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace vnet::xml
