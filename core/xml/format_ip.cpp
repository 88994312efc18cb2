// <ip> (libvirt 9.9's virNetworkIPDefFormat, which always writes an open and
// a close tag) and <route> (virNetDevIPRouteFormat).
#include "core/xml/format_internal.h"

namespace vnet::xml {

namespace {

const char* UnitName(LeaseUnit unit) {
  switch (unit) {
    case LeaseUnit::kSeconds:
      return "seconds";
    case LeaseUnit::kMinutes:
      return "minutes";
    case LeaseUnit::kHours:
      return "hours";
  }
  return "minutes";
}

// An element whose only possible child is <lease>.
void FormatWithLease(XmlWriter& w, const std::string& open, const char* name,
                     const std::optional<Lease>& lease) {
  if (!lease) {
    w.Line(open, "/>");
    return;
  }
  w.Line(open + ">");
  w.Indent();
  if (lease->expiry == 0) {
    w.Line("<lease expiry='0'/>");
  } else {
    w.Line("<lease expiry='" + std::to_string(lease->expiry) + "' unit='" +
           UnitName(lease->EffectiveUnit()) + "'/>");
  }
  w.Dedent();
  w.Line(std::string("</") + name + ">");
}

// Built in one buffer: a network may have 10,000 hosts.
void FormatDhcpHost(XmlWriter& w, const DhcpHost& host) {
  std::string open;
  open.reserve(96);
  open += "<host";
  if (host.mac) {  // as written: libvirt keeps a host's MAC verbatim
    open += AttrText("mac", host.mac_text.empty() ? host.mac->ToString() : host.mac_text);
  }
  if (host.id) open += AttrText("id", *host.id);
  if (host.name) open += AttrText("name", *host.name);
  if (host.ip) {
    open += " ip='";
    open += host.ip->ToString();
    open += '\'';
  }
  FormatWithLease(w, open, "host", host.lease);
}

void FormatDhcp(XmlWriter& w, const Dhcp& dhcp) {
  if (dhcp.ranges.empty() && dhcp.hosts.empty()) return;
  w.Line("<dhcp>");
  w.Indent();
  for (const DhcpRange& range : dhcp.ranges) {
    FormatWithLease(
        w, "<range start='" + range.start.ToString() + "' end='" + range.end.ToString() + "'",
        "range", range.lease);
  }
  for (const DhcpHost& host : dhcp.hosts) FormatDhcpHost(w, host);
  if (dhcp.bootp) {
    std::string line = "<bootp" + AttrText("file", dhcp.bootp->file);
    if (dhcp.bootp->server) line += " server='" + dhcp.bootp->server->ToString() + "'";
    w.Line(line + "/>");
  }
  w.Dedent();
  w.Line("</dhcp>");
}

}  // namespace

void FormatIp(XmlWriter& w, const Ip& ip) {
  std::string open = "<ip";
  if (ip.family) open += AttrText("family", *ip.family);
  open += " address='" + ip.address.ToString() + "'";
  if (ip.netmask) open += " netmask='" + ip.netmask->ToString() + "'";
  if (ip.prefix.value_or(0) > 0) open += " prefix='" + std::to_string(*ip.prefix) + "'";
  if (ip.local_ptr) open += std::string(" localPtr='") + YesNo(*ip.local_ptr) + "'";
  w.Line(open + ">");
  w.Indent();
  if (ip.tftp_root) w.Line("<tftp" + AttrText("root", *ip.tftp_root) + "/>");
  if (ip.dhcp) FormatDhcp(w, *ip.dhcp);
  w.Dedent();
  w.Line("</ip>");
}

void FormatRoute(XmlWriter& w, const Route& route) {
  std::string line = "<route";
  if (route.family) line += AttrText("family", *route.family);
  line += " address='" + route.address.ToString() + "'";
  if (route.netmask) line += " netmask='" + route.netmask->ToString() + "'";
  if (route.prefix) line += " prefix='" + std::to_string(*route.prefix) + "'";
  line += " gateway='" + route.gateway.ToString() + "'";
  if (route.metric.value_or(0) > 0) line += " metric='" + std::to_string(*route.metric) + "'";
  w.Line(line + "/>");
}

}  // namespace vnet::xml
