// <dns enable forwardPlainNames> with <forwarder>, <host>, <srv>, <txt>.
#include <array>

#include "core/xml/parse_internal.h"

namespace vnet::xml {

namespace {

// All characters of current /etc/services and /etc/protocols names except
// ".", libvirt's PROTOCOL_CHARS / SERVICE_CHARS.
constexpr std::string_view kProtocolChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-+/";
constexpr std::string_view kServiceChars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+/*";
constexpr size_t kMaxSrvServiceLength = 512 - 30;  // libvirt's DNS_RECORD_LENGTH_SRV

constexpr std::array<AttrRule<Dns>, 2> kDnsAttrs = {{
    {"enable", SetYesNo<Dns, &Dns::enable>},
    {"forwardPlainNames", SetYesNo<Dns, &Dns::forward_plain_names>},
}};

Result<DnsForwarder> ParseForwarder(const ParseCtx& ctx, const xmlNode* node) {
  DnsForwarder fwd;
  fwd.loc = ctx.Loc(node);
  std::optional<std::string> addr = Prop(node, "addr");
  if (addr) {
    fwd.addr = IpAddr::Parse(*addr);
    if (!fwd.addr) {
      return ctx.Fail(node, "addr",
                      std::string(kXmlError) + "Invalid forwarder IP address '" + *addr + "'" +
                          ctx.Net(" in network '"));
    }
  }
  fwd.domain = Prop(node, "domain");
  if (!addr && !fwd.domain) {
    return ctx.Fail(node, {},
                    std::string(kXmlError) +
                        "Invalid forwarder element, must contain at least one of addr or domain");
  }
  return fwd;
}

Status CheckLineBreaks(const ParseCtx& ctx, const xmlNode* node, std::string_view record,
                       const char* field, const std::optional<std::string>& value) {
  if (!value || value->find_first_of("\r\n") == std::string::npos) return OkStatus();
  return ctx.Fail(
      node, field,
      "invalid line break in DNS " + std::string(record) + " record " + field + " attribute");
}

bool OnlyChars(std::string_view text, std::string_view allowed) {
  return text.find_first_not_of(allowed) == std::string_view::npos;
}

Status CheckSrvNames(const ParseCtx& ctx, const xmlNode* node, const DnsSrv& srv, bool partial) {
  const std::string net = ctx.Net(" of network '");
  if (srv.service.empty() && !partial) {
    return ctx.Fail(node, "service", "missing required service attribute in DNS SRV record" + net);
  }
  if (srv.service.size() > kMaxSrvServiceLength) {
    return ctx.Fail(node, "service",
                    "service attribute '" + srv.service + "'" + ctx.Net(" in network '") +
                        " is too long, limit is " + std::to_string(kMaxSrvServiceLength) +
                        " bytes");
  }
  if (!OnlyChars(srv.service, kServiceChars)) {
    return ctx.Fail(
        node, "service",
        "invalid character in service attribute '" + srv.service + "' in DNS SRV record" + net);
  }
  if (srv.protocol.empty() && !partial) {
    return ctx.Fail(
        node, "protocol",
        "missing required protocol attribute in DNS SRV record '" + srv.service + "'" + net);
  }
  if (!OnlyChars(srv.protocol, kProtocolChars)) {
    return ctx.Fail(
        node, "protocol",
        "invalid character in protocol attribute '" + srv.protocol + "' in DNS SRV record" + net);
  }
  return OkStatus();
}

// port / priority / weight: each needs a target and must fit its range.
struct SrvNumber {
  const char* name;
  const char* invalid_word;  // libvirt capitalizes only the priority message
  uint64_t min;
  std::optional<uint32_t> DnsSrv::*field;
};
constexpr std::array<SrvNumber, 3> kSrvNumbers = {{
    {"port", "invalid", 1, &DnsSrv::port},
    {"priority", "Invalid", 0, &DnsSrv::priority},
    {"weight", "invalid", 0, &DnsSrv::weight},
}};

Status ParseSrvNumbers(const ParseCtx& ctx, const xmlNode* node, DnsSrv& srv) {
  const std::string for_service = " for service '" + srv.service + "'" + ctx.Net(" in network '");
  for (const SrvNumber& n : kSrvNumbers) {
    std::optional<std::string> text = Prop(node, n.name);
    if (!text || text->empty()) continue;
    std::optional<uint64_t> value = ParseUnsigned(*text, 10, UINT32_MAX);
    if (value && !srv.target) {
      return ctx.Fail(node, n.name,
                      std::string("DNS SRV ") + n.name + " attribute not permitted without target" +
                          for_service);
    }
    if (!value || *value < n.min || *value > 65535) {
      return ctx.Fail(
          node, n.name,
          std::string(n.invalid_word) + " DNS SRV " + n.name + " attribute" + for_service);
    }
    srv.*n.field = static_cast<uint32_t>(*value);
  }
  return OkStatus();
}

}  // namespace

Result<DnsHost> ParseDnsHostElement(const ParseCtx& ctx, const xmlNode* node, bool partial) {
  DnsHost host;
  host.loc = ctx.Loc(node);
  const std::string record = ctx.Net(" in network '", "'", " in") + " DNS HOST record";
  std::vector<xmlNode*> names = Children(node, "hostname");
  for (const xmlNode* name : names) {
    host.hostnames.push_back(Content(name));
    if (host.hostnames.back().empty()) return ctx.Fail(name, {}, "Missing hostname" + record);
  }
  if (names.empty() && !partial) return ctx.Fail(node, {}, "Missing hostname" + record);
  std::optional<std::string> ip = Prop(node, "ip");
  if (!ip && partial) {  // net-update decides: a delete may name a hostname only
    host.has_ip = false;
    return host;
  }
  if (!ip) return ctx.Fail(node, "ip", "Missing IP address" + record);
  std::optional<IpAddr> addr = IpAddr::Parse(*ip);
  if (!addr) return ctx.Fail(node, "ip", "Invalid IP address" + record);
  host.ip = *addr;
  return host;
}

Result<DnsSrv> ParseDnsSrvElement(const ParseCtx& ctx, const xmlNode* node, bool partial) {
  DnsSrv srv;
  srv.loc = ctx.Loc(node);
  srv.service = Prop(node, "service").value_or("");
  srv.protocol = Prop(node, "protocol").value_or("");
  VNET_TRY(CheckSrvNames(ctx, node, srv, partial));
  srv.domain = Prop(node, "domain");
  srv.target = Prop(node, "target");
  VNET_TRY(CheckLineBreaks(ctx, node, "SRV", "domain", srv.domain));
  VNET_TRY(CheckLineBreaks(ctx, node, "SRV", "target", srv.target));
  VNET_TRY(ParseSrvNumbers(ctx, node, srv));
  return srv;
}

Result<DnsTxt> ParseDnsTxtElement(const ParseCtx& ctx, const xmlNode* node, bool partial) {
  DnsTxt txt;
  txt.loc = ctx.Loc(node);
  const std::string net = ctx.Net(" of network ", "");
  std::optional<std::string> name = Prop(node, "name");
  if (!name) {
    return ctx.Fail(node, "name", "missing required name attribute in DNS TXT record" + net);
  }
  if (name->find_first_of(" ,") != std::string::npos) {
    return ctx.Fail(node, "name",
                    "prohibited character in DNS TXT record name '" + *name + "'" + net);
  }
  std::optional<std::string> value = Prop(node, "value");
  if (!value && !partial) {
    return ctx.Fail(
        node, "value",
        "missing required value attribute in DNS TXT record named '" + *name + "'" + net);
  }
  VNET_TRY(CheckLineBreaks(ctx, node, "TXT", "value", value));
  txt.name = *name;
  txt.value = value.value_or("");
  return txt;
}

Result<Dns> ParseDnsElement(const ParseCtx& ctx, const xmlNode* node) {
  Dns dns;
  dns.loc = ctx.Loc(node);
  VNET_TRY(ApplyAttrs<Dns>(ctx, node, kDnsAttrs, dns));
  for (const xmlNode* n : Children(node, "forwarder")) {
    VNET_ASSIGN_OR_RETURN(DnsForwarder fwd, ParseForwarder(ctx, n));
    dns.forwarders.push_back(std::move(fwd));
  }
  for (const xmlNode* n : Children(node, "host")) {
    VNET_ASSIGN_OR_RETURN(DnsHost host, ParseDnsHostElement(ctx, n, false));
    dns.hosts.push_back(std::move(host));
  }
  for (const xmlNode* n : Children(node, "srv")) {
    VNET_ASSIGN_OR_RETURN(DnsSrv srv, ParseDnsSrvElement(ctx, n, false));
    dns.srvs.push_back(std::move(srv));
  }
  for (const xmlNode* n : Children(node, "txt")) {
    VNET_ASSIGN_OR_RETURN(DnsTxt txt, ParseDnsTxtElement(ctx, n, false));
    dns.txts.push_back(std::move(txt));
  }
  const bool has_children =
      !(dns.forwarders.empty() && dns.hosts.empty() && dns.srvs.empty() && dns.txts.empty());
  if (dns.enable == false && has_children) {
    return ctx.Fail(node, {},
                    std::string(kXmlError) + "Extra data in disabled network" + ctx.Net(" '", "'"));
  }
  return dns;
}

}  // namespace vnet::xml
