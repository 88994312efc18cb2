// <ip> with <dhcp> (<range>, <host>, <lease>, <bootp>) and <tftp>; <route>.
#include <array>
#include <cctype>

#include "core/xml/parse_internal.h"

namespace vnet::xml {

namespace {

// ---- <ip family address netmask prefix localPtr> ----

Status SetIpFamily(const Attr& attr, Ip& out) {
  if (attr.value != "ipv4" && attr.value != "ipv6") {
    return attr.Fail(std::string(kXmlError) + "Unrecognized family '" + attr.value + "'" +
                     attr.ctx.Net(" in network '"));
  }
  out.family = attr.value;
  return OkStatus();
}

Status SetIpAddress(const Attr& attr, Ip& out) {
  std::optional<IpAddr> addr = IpAddr::Parse(attr.value);
  if (!addr) {
    return attr.Fail(std::string(kXmlError) + "Invalid address '" + attr.value + "'" +
                     attr.ctx.Net(" in network '"));
  }
  out.address = *addr;
  return OkStatus();
}

Status SetIpNetmask(const Attr& attr, Ip& out) {
  out.netmask = IpAddr::Parse(attr.value);
  if (!out.netmask) {
    return attr.Fail(std::string(kXmlError) + "Invalid netmask '" + attr.value + "'" +
                     attr.ctx.Net(" in network '"));
  }
  return OkStatus();
}

// family is checked last in libvirt (after address and netmask parse).
constexpr std::array<AttrRule<Ip>, 3> kIpXPathAttrs = {{
    {"address", SetIpAddress},
    {"netmask", SetIpNetmask},
    {"family", SetIpFamily},
}};
constexpr std::array<AttrRule<Ip>, 2> kIpAttrs = {{
    {"prefix", SetUnsigned<Ip, &Ip::prefix>},
    {"localPtr", SetYesNo<Ip, &Ip::local_ptr>},
}};

// ---- <lease expiry unit> ----

Status SetLeaseUnit(const Attr& attr, Lease& out) {
  if (attr.value == "seconds") {
    out.unit = LeaseUnit::kSeconds;
  } else if (attr.value == "minutes") {
    out.unit = LeaseUnit::kMinutes;
  } else if (attr.value == "hours") {
    out.unit = LeaseUnit::kHours;
  } else {
    return attr.Invalid();
  }
  return OkStatus();
}

constexpr std::array<AttrRule<Lease>, 2> kLeaseAttrs = {{
    {"expiry", SetUnsigned<Lease, &Lease::expiry, UINT64_MAX>},
    {"unit", SetLeaseUnit},
}};

// A <lease> without expiry is ignored, as in libvirt.
Result<std::optional<Lease>> ParseLease(const ParseCtx& ctx, const xmlNode* parent) {
  const xmlNode* node = Child(parent, "lease");
  if (node == nullptr || !Prop(node, "expiry")) return std::optional<Lease>();
  Lease lease;
  lease.loc = ctx.Loc(node);
  VNET_TRY(ApplyAttrs<Lease>(ctx, node, kLeaseAttrs, lease));
  const LeaseUnit unit = lease.EffectiveUnit();
  if (lease.expiry > 0 && ((unit == LeaseUnit::kSeconds && lease.expiry < 120) ||
                           (unit == LeaseUnit::kMinutes && lease.expiry < 2))) {
    return ctx.Fail(
        node, "expiry",
        std::string(kUnsupported) + "The minimum lease time should be greater than 2 minutes");
  }
  return std::optional<Lease>(lease);
}

// ---- <host mac id name ip> ----

Status SetHostMac(const Attr& attr, DhcpHost& out) {
  out.mac = MacAddr::Parse(attr.value);
  out.mac_text = attr.value;
  if (!out.mac) {
    return attr.Fail(std::string(kXmlError) + "Cannot parse MAC address '" + attr.value + "'" +
                     attr.ctx.Net(" in network '"));
  }
  if (out.mac->IsMulticast()) {
    return attr.Fail(std::string(kXmlError) + "expected unicast mac address, found multicast '" +
                     attr.value + "'" + attr.ctx.Net(" in network '"));
  }
  return OkStatus();
}

Status SetHostId(const Attr& attr, DhcpHost& out) {
  const size_t bad = attr.value.find_first_not_of("0123456789abcdefABCDEF:");
  if (bad != std::string::npos) {
    return attr.Fail(std::string(kXmlError) + "Invalid character '" + attr.value[bad] +
                     "' in id '" + attr.value + "'" + attr.ctx.Net(" of network '"));
  }
  out.id = attr.value;
  return OkStatus();
}

Status SetHostName(const Attr& attr, DhcpHost& out) {
  const char first = attr.value.empty() ? '\0' : attr.value[0];
  if (!std::isalnum(static_cast<unsigned char>(first))) {
    return attr.Fail(std::string(kXmlError) + "Cannot use host name '" + attr.value + "'" +
                     attr.ctx.Net(" in network '"));
  }
  out.name = attr.value;
  return OkStatus();
}

Status SetHostIp(const Attr& attr, DhcpHost& out) {
  out.ip = IpAddr::Parse(attr.value);
  if (!out.ip) {
    return attr.Fail(std::string(kXmlError) + "Invalid IP address in static host definition" +
                     attr.ctx.Net(" for network '"));
  }
  return OkStatus();
}

constexpr std::array<AttrRule<DhcpHost>, 4> kHostAttrs = {{
    {"mac", SetHostMac},
    {"id", SetHostId},
    {"name", SetHostName},
    {"ip", SetHostIp},
}};

// ---- <bootp file server> (IPv4 only; libvirt ignores it under IPv6) ----

Result<DhcpBootp> ParseBootp(const ParseCtx& ctx, const xmlNode* node) {
  DhcpBootp bootp;
  bootp.loc = ctx.Loc(node);
  std::optional<std::string> file = Prop(node, "file");
  if (!file) {
    return ctx.Fail(
        node, "file",
        std::string(kXmlError) + "Missing required attribute 'file' in element 'bootp'");
  }
  bootp.file = *file;
  if (std::optional<std::string> server = Prop(node, "server")) {
    VNET_ASSIGN_OR_RETURN(bootp.server, ParseSocketAddr(Attr{ctx, node, "server", *server}));
  }
  return bootp;
}

Result<Dhcp> ParseDhcp(const ParseCtx& ctx, const xmlNode* node, const Ip& ip) {
  Dhcp dhcp;
  dhcp.loc = ctx.Loc(node);
  for (const xmlNode* n : Children(node, "range")) {
    VNET_ASSIGN_OR_RETURN(DhcpRange range, ParseDhcpRangeElement(ctx, n));
    dhcp.ranges.push_back(std::move(range));
  }
  const std::vector<xmlNode*> hosts = Children(node, "host");
  dhcp.hosts.reserve(hosts.size());
  for (const xmlNode* n : hosts) {
    VNET_ASSIGN_OR_RETURN(DhcpHost host, ParseDhcpHostElement(ctx, n));
    dhcp.hosts.push_back(std::move(host));
  }
  const xmlNode* bootp = Child(node, "bootp");
  if (bootp != nullptr && ip.IsIpv4()) {
    VNET_ASSIGN_OR_RETURN(dhcp.bootp, ParseBootp(ctx, bootp));
  }
  return dhcp;
}

Status ParseTftp(const ParseCtx& ctx, const xmlNode* node, Ip& ip) {
  if (!ip.IsIpv4()) {
    return ctx.Fail(node, {},
                    std::string(kUnsupported) + "Unsupported <tftp> element in an IPv6 element" +
                        ctx.Net(" in network '"));
  }
  std::optional<std::string> root = Prop(node, "root");
  if (root && !root->empty()) ip.tftp_root = *root;
  return OkStatus();
}

// ---- <route family address netmask prefix gateway metric> ----

Status SetRouteMetric(const Attr& attr, Route& out) {
  std::optional<uint64_t> metric = ParseUnsigned(attr.value, 10, UINT32_MAX);
  if (!metric) return attr.Invalid("non-negative integer value");
  if (*metric == 0) {
    return attr.Fail(std::string(kXmlError) + "Invalid value for attribute 'metric' in element '" +
                     std::string(Name(attr.node)) + "': Zero is not permitted");
  }
  out.metric = static_cast<uint32_t>(*metric);
  return OkStatus();
}

constexpr std::array<AttrRule<Route>, 2> kRouteNumbers = {{
    {"prefix", SetUnsigned<Route, &Route::prefix>},
    {"metric", SetRouteMetric},
}};

Result<IpAddr> RouteAddress(const ParseCtx& ctx, const xmlNode* node, const char* attr,
                            const char* what) {
  const std::string detail = std::string(kXmlError) + ctx.network + ": ";
  std::optional<std::string> text = Prop(node, attr);
  if (!text) {
    return ctx.Fail(node, attr,
                    detail + "Missing required " + attr + " attribute in route definition");
  }
  std::optional<IpAddr> addr = IpAddr::Parse(*text);
  if (!addr) {
    return ctx.Fail(node, attr,
                    detail + "Bad " + what + " address '" + *text + "' in route definition");
  }
  return *addr;
}

}  // namespace

Result<DhcpRange> ParseDhcpRangeElement(const ParseCtx& ctx, const xmlNode* node) {
  DhcpRange range;
  range.loc = ctx.Loc(node);
  for (const char* which : {"start", "end"}) {
    std::optional<std::string> text = Prop(node, which);
    if (!text) {
      return ctx.Fail(node, which,
                      std::string(kXmlError) + "Missing '" + which + "' attribute in dhcp range" +
                          ctx.Net(" for network '"));
    }
    VNET_ASSIGN_OR_RETURN(IpAddr addr, ParseSocketAddr(Attr{ctx, node, which, *text}));
    (std::string_view(which) == "start" ? range.start : range.end) = addr;
  }
  VNET_ASSIGN_OR_RETURN(range.lease, ParseLease(ctx, node));
  return range;
}

Result<DhcpHost> ParseDhcpHostElement(const ParseCtx& ctx, const xmlNode* node) {
  DhcpHost host;
  host.loc = ctx.Loc(node);
  VNET_TRY(ApplyAttrs<DhcpHost>(ctx, node, kHostAttrs, host));
  VNET_ASSIGN_OR_RETURN(host.lease, ParseLease(ctx, node));
  return host;
}

Result<Ip> ParseIpElement(const ParseCtx& ctx, const xmlNode* node) {
  Ip ip;
  ip.loc = ctx.Loc(node);
  AddChildLines(node, ip.children);
  std::optional<std::string> address = Prop(node, "address");
  if (!address || address->empty()) {
    return ctx.Fail(
        node, "address",
        std::string(kXmlError) + "Missing required address attribute" + ctx.Net(" in network '"));
  }
  VNET_TRY(ApplyXPathAttrs<Ip>(ctx, node, kIpXPathAttrs, ip));
  VNET_TRY(ApplyAttrs<Ip>(ctx, node, kIpAttrs, ip));
  if (const xmlNode* dhcp = Child(node, "dhcp")) {
    VNET_ASSIGN_OR_RETURN(ip.dhcp, ParseDhcp(ctx, dhcp, ip));
  }
  if (const xmlNode* tftp = Child(node, "tftp")) VNET_TRY(ParseTftp(ctx, tftp, ip));
  return ip;
}

Result<Route> ParseRouteElement(const ParseCtx& ctx, const xmlNode* node) {
  Route route;
  route.loc = ctx.Loc(node);
  VNET_TRY(ApplyAttrs<Route>(ctx, node, kRouteNumbers, route));
  route.family = Prop(node, "family");
  VNET_ASSIGN_OR_RETURN(route.address, RouteAddress(ctx, node, "address", "network"));
  VNET_ASSIGN_OR_RETURN(route.gateway, RouteAddress(ctx, node, "gateway", "gateway"));
  if (route.family && *route.family != "ipv4" && *route.family != "ipv6") {
    return ctx.Fail(node, "family",
                    std::string(kXmlError) + ctx.network + ": Unrecognized family '" +
                        *route.family + "' in route definition");
  }
  if (std::optional<std::string> netmask = Prop(node, "netmask")) {
    route.netmask = IpAddr::Parse(*netmask);
    if (!route.netmask) {
      return ctx.Fail(node, "netmask",
                      std::string(kXmlError) + ctx.network + ": Bad netmask address '" + *netmask +
                          "' in route definition");
    }
  }
  return route;
}

}  // namespace vnet::xml
