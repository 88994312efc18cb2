// <dns>, from virNetworkDNSDefFormat.
#include "core/xml/format_internal.h"

namespace vnet::xml {

namespace {

void FormatForwarder(XmlWriter& w, const DnsForwarder& fwd) {
  std::string line = "<forwarder";
  if (fwd.domain) line += AttrText("domain", *fwd.domain);
  if (fwd.addr) line += " addr='" + fwd.addr->ToString() + "'";
  w.Line(line + "/>");
}

void FormatSrv(XmlWriter& w, const DnsSrv& srv) {
  if (srv.service.empty() || srv.protocol.empty()) return;
  std::string line = "<srv" + AttrText("service", srv.service) + AttrText("protocol", srv.protocol);
  if (srv.domain) line += AttrText("domain", *srv.domain);
  if (srv.target) line += AttrText("target", *srv.target);
  const std::pair<const char*, const std::optional<uint32_t>*> numbers[] = {
      {"port", &srv.port}, {"priority", &srv.priority}, {"weight", &srv.weight}};
  for (const auto& [name, value] : numbers) {
    if (value->value_or(0) != 0)
      line += std::string(" ") + name + "='" + std::to_string(**value) + "'";
  }
  w.Line(line + "/>");
}

void FormatHost(XmlWriter& w, const DnsHost& host) {
  w.Line("<host ip='" + host.ip.ToString() + "'>");
  w.Indent();
  for (const std::string& name : host.hostnames)
    w.Line("<hostname>" + Escape(name) + "</hostname>");
  w.Dedent();
  w.Line("</host>");
}

bool HasRecords(const Dns& dns) {
  return !(dns.forwarders.empty() && dns.txts.empty() && dns.srvs.empty() && dns.hosts.empty());
}

}  // namespace

void FormatDns(XmlWriter& w, const Dns& dns) {
  if (dns.Empty()) return;
  std::string open = "<dns";
  if (dns.enable) open += std::string(" enable='") + YesNo(*dns.enable) + "'";
  if (dns.forward_plain_names) {
    open += std::string(" forwardPlainNames='") + YesNo(*dns.forward_plain_names) + "'";
  }
  if (!HasRecords(dns)) {
    w.Line(open + "/>");
    return;
  }
  w.Line(open + ">");
  w.Indent();
  for (const DnsForwarder& fwd : dns.forwarders) FormatForwarder(w, fwd);
  for (const DnsTxt& txt : dns.txts) {
    w.Line("<txt" + AttrText("name", txt.name) + AttrText("value", txt.value) + "/>");
  }
  for (const DnsSrv& srv : dns.srvs) FormatSrv(w, srv);
  for (const DnsHost& host : dns.hosts) FormatHost(w, host);
  w.Dedent();
  w.Line("</dns>");
}

}  // namespace vnet::xml
