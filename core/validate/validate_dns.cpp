// <dns> and its children (virNetworkDNSDefParseXML and the record parsers).
#include "core/validate/rules.h"

namespace vnet::validate {

namespace {

constexpr size_t kSrvServiceMax = 512 - 30;  // DNS_RECORD_LENGTH_SRV (RFC 2782 overhead)
constexpr std::string_view kProtocolChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-+/";
constexpr std::string_view kServiceChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+/*";

void CheckForwarder(Errors& errs, const DnsForwarder& fwd) {
  if (!fwd.addr && !fwd.domain) {
    Report(errs, Code::kXmlError,
           "Invalid forwarder element, must contain at least one of addr or domain", fwd.loc);
  }
}

void CheckHost(Errors& errs, const Network& net, const DnsHost& host) {
  bool missing = host.hostnames.empty();
  for (const std::string& name : host.hostnames) missing = missing || name.empty();
  if (missing) {
    Report(errs, Code::kXmlDetail,
           Subst("Missing hostname in network '%s' DNS HOST record", {net.name}), host.loc);
  }
}

// One optional numeric SRV field: needs target=, and a range.
bool CheckSrvNumber(Errors& errs, const Network& net, const DnsSrv& srv,
                    const std::optional<uint32_t>& value, std::string_view attr,
                    std::string_view range_tmpl, uint32_t min) {
  if (!value) return true;
  if (!srv.target) {
    std::string tmpl = "DNS SRV ";
    tmpl += attr;
    tmpl += " attribute not permitted without target for service '%s' in network '%s'";
    Report(errs, Code::kXmlDetail, Subst(tmpl, {srv.service, net.name}), srv.loc, attr);
    return false;
  }
  if (*value < min || *value > 65535) {
    Report(errs, Code::kXmlDetail, Subst(range_tmpl, {srv.service, net.name}), srv.loc, attr);
    return false;
  }
  return true;
}

bool CheckSrvService(Errors& errs, const Network& net, const DnsSrv& srv) {
  const std::string& svc = srv.service;
  const char* tmpl = nullptr;
  if (svc.empty()) {
    tmpl = "missing required service attribute in DNS SRV record of network '%s'";
  } else if (svc.size() > kSrvServiceMax) {
    tmpl = "service attribute '%s' in network '%s' is too long, limit is 482 bytes";
  } else if (svc.find_first_not_of(kServiceChars) != std::string::npos) {
    tmpl = "invalid character in service attribute '%s' in DNS SRV record of network '%s'";
  }
  if (!tmpl) return true;
  auto msg = svc.empty() ? Subst(tmpl, {net.name}) : Subst(tmpl, {svc, net.name});
  Report(errs, Code::kXmlDetail, msg, srv.loc, "service");
  return false;
}

bool CheckSrvProtocol(Errors& errs, const Network& net, const DnsSrv& srv) {
  if (srv.protocol.empty()) {
    Report(errs, Code::kXmlDetail,
           Subst("missing required protocol attribute in DNS SRV record '%s' of network '%s'",
                 {srv.service, net.name}),
           srv.loc, "protocol");
    return false;
  }
  if (srv.protocol.find_first_not_of(kProtocolChars) != std::string::npos) {
    Report(errs, Code::kXmlDetail,
           Subst("invalid character in protocol attribute '%s' in DNS SRV record of network '%s'",
                 {srv.protocol, net.name}),
           srv.loc, "protocol");
    return false;
  }
  return true;
}

void CheckSrv(Errors& errs, const Network& net, const DnsSrv& srv) {
  if (!CheckSrvService(errs, net, srv) || !CheckSrvProtocol(errs, net, srv)) return;
  if (!CheckSrvNumber(errs, net, srv, srv.port, "port",
                      "invalid DNS SRV port attribute for service '%s' in network '%s'", 1)) {
    return;
  }
  if (!CheckSrvNumber(errs, net, srv, srv.priority, "priority",
                      "Invalid DNS SRV priority attribute for service '%s' in network '%s'", 0)) {
    return;
  }
  CheckSrvNumber(errs, net, srv, srv.weight, "weight",
                 "invalid DNS SRV weight attribute for service '%s' in network '%s'", 0);
}

void CheckTxt(Errors& errs, const Network& net, const DnsTxt& txt) {
  if (txt.name.empty()) {
    Report(errs, Code::kXmlDetail,
           Subst("missing required name attribute in DNS TXT record of network %s", {net.name}),
           txt.loc, "name");
  } else if (txt.name.find_first_of(" ,") != std::string::npos) {
    Report(errs, Code::kXmlDetail,
           Subst("prohibited character in DNS TXT record name '%s' of network %s",
                 {txt.name, net.name}),
           txt.loc, "name");
  }
}

}  // namespace

void CheckDns(Errors& errs, const Network& net) {
  if (!net.dns) return;
  const Dns& dns = *net.dns;
  for (const DnsForwarder& fwd : dns.forwarders) CheckForwarder(errs, fwd);
  for (const DnsHost& host : dns.hosts) CheckHost(errs, net, host);
  for (const DnsSrv& srv : dns.srvs) CheckSrv(errs, net, srv);
  for (const DnsTxt& txt : dns.txts) CheckTxt(errs, net, txt);
  bool has_children =
      !dns.forwarders.empty() || !dns.hosts.empty() || !dns.srvs.empty() || !dns.txts.empty();
  if (dns.enable == false && has_children) {
    Report(errs, Code::kXmlError, Subst("Extra data in disabled network '%s'", {net.name}),
           dns.loc);
  }
}

}  // namespace vnet::validate
