// The <network> document: its own attributes and simple children, then the
// element groups in libvirt's parse order.
#include <libxml/parser.h>

#include <array>

#include "core/xml/parse.h"
#include "core/xml/parse_internal.h"
#include "core/xml/parse_metadata.h"

namespace vnet::xml {

namespace {

Status SetIpv6(const Attr& attr, Network& out) {
  if (attr.value != "yes" && attr.value != "no") {
    return attr.Fail(std::string(kXmlError) + "Invalid ipv6 setting '" + attr.value + "'" +
                     attr.ctx.Net(" in network '"));
  }
  out.ipv6_no_gateway = attr.value == "yes";
  return OkStatus();
}

constexpr std::array<AttrRule<Network>, 1> kNetworkXPathAttrs = {{{"ipv6", SetIpv6}}};
constexpr std::array<AttrRule<Network>, 1> kNetworkAttrs = {{
    {"trustGuestRxFilters", SetYesNo<Network, &Network::trust_guest_rx_filters>},
}};

// Text of the first child `name`, as virXPathString("string(./name[1])"):
// nullopt when absent or empty.
std::optional<std::string> ChildText(const xmlNode* root, std::string_view name) {
  const xmlNode* node = Child(root, name);
  if (node == nullptr) return std::nullopt;
  std::string text = Content(node);
  if (text.empty()) return std::nullopt;
  return text;
}

Status ParseIdentity(const ParseCtx& ctx, const xmlNode* root, Network& net) {
  std::optional<std::string> name = ChildText(root, "name");
  if (!name) return ctx.Fail(root, {}, "missing name information");
  if (name->find('/') != std::string::npos) {
    return ctx.Fail(Child(root, "name"), {}, "invalid char in name: /");
  }
  net.name = *name;
  if (std::optional<std::string> uuid = ChildText(root, "uuid")) {
    net.uuid = Uuid::Parse(*uuid);
    if (!net.uuid) {
      return ctx.Fail(Child(root, "uuid"), {},
                      std::string(kInternalError) + "malformed uuid element");
    }
  }
  net.title = ChildText(root, "title");
  if (net.title && net.title->find('\n') != std::string::npos) {
    return ctx.Fail(Child(root, "title"), {},
                    std::string(kXmlError) + "Network title can't contain newlines");
  }
  net.description = ChildText(root, "description");
  return OkStatus();
}

Status ParseDomain(const ParseCtx& ctx, const xmlNode* node, Network& net) {
  std::optional<std::string> name = Prop(node, "name");
  std::optional<bool> local_only;
  if (std::optional<std::string> local = Prop(node, "localOnly")) {
    local_only = ParseYesNo(*local);
    if (!local_only) return Attr{ctx, node, "localOnly", *local}.Invalid();
  }
  // libvirt keeps localOnly only together with a name (it formats neither otherwise).
  if (name) net.domain = Domain{*name, local_only, ctx.Loc(node)};
  return OkStatus();
}

Status ParsePortOptions(const ParseCtx& ctx, const xmlNode* root, Network& net) {
  const xmlNode* port = Child(root, "port");
  if (port == nullptr) return OkStatus();
  std::optional<std::string> isolated = Prop(port, "isolated");
  if (!isolated) return OkStatus();
  net.port_isolated = ParseYesNo(*isolated);
  if (!net.port_isolated) return Attr{ctx, port, "isolated", *isolated}.Invalid();
  return OkStatus();
}

Status ParseMac(const ParseCtx& ctx, const xmlNode* root, Network& net) {
  const xmlNode* node = Child(root, "mac");
  std::optional<std::string> text = node ? Prop(node, "address") : std::nullopt;
  if (!text || text->empty()) return OkStatus();
  net.mac = MacAddr::Parse(*text);
  const std::string tail = "'" + ctx.Net(" in network '");
  if (!net.mac) {
    return ctx.Fail(node, "address",
                    std::string(kXmlError) + "Invalid bridge mac address '" + *text + tail);
  }
  if (net.mac->IsMulticast()) {
    return ctx.Fail(
        node, "address",
        std::string(kXmlError) + "Invalid multicast bridge mac address '" + *text + tail);
  }
  return OkStatus();
}

Status ParseMtu(const ParseCtx& ctx, const xmlNode* root, Network& net) {
  const xmlNode* node = Child(root, "mtu");
  std::optional<std::string> text = node ? Prop(node, "size") : std::nullopt;
  if (!text || text->empty()) return OkStatus();
  std::optional<uint64_t> size = ParseUnsigned(*text, 10, UINT32_MAX);
  if (!size) {
    return ctx.Fail(
        node, "size",
        std::string(kXmlError) + "Invalid mtu size '" + *text + "'" + ctx.Net(" in network '"));
  }
  net.mtu = static_cast<uint32_t>(*size);
  return OkStatus();
}

Status ParsePortLevel(const ParseCtx& ctx, const xmlNode* root, Network& net) {
  if (const xmlNode* bw = Child(root, "bandwidth")) {
    VNET_ASSIGN_OR_RETURN(net.bandwidth, ParseBandwidthElement(ctx, bw));
  }
  if (const xmlNode* vlan = Child(root, "vlan")) {
    VNET_ASSIGN_OR_RETURN(net.vlan, ParseVlanElement(ctx, vlan));
  }
  return ParsePortOptions(ctx, root, net);
}

Status ParseAddressing(const ParseCtx& ctx, const xmlNode* root, Network& net) {
  if (const xmlNode* bridge = Child(root, "bridge")) {
    VNET_ASSIGN_OR_RETURN(net.bridge, ParseBridgeElement(ctx, bridge));
  }
  VNET_TRY(ParseMac(ctx, root, net));
  VNET_TRY(ParseMtu(ctx, root, net));
  if (const xmlNode* dns = Child(root, "dns")) {
    VNET_ASSIGN_OR_RETURN(net.dns, ParseDnsElement(ctx, dns));
  }
  return OkStatus();
}

Status ParseRepeated(const ParseCtx& ctx, const xmlNode* root, Network& net) {
  if (const xmlNode* vp = Child(root, "virtualport")) {
    VNET_ASSIGN_OR_RETURN(net.virtualport, ParseVirtualPortElement(ctx, vp, true));
  }
  for (const xmlNode* n : Children(root, "portgroup")) {
    VNET_ASSIGN_OR_RETURN(Portgroup pg, ParsePortgroupElement(ctx, n));
    net.portgroups.push_back(std::move(pg));
  }
  for (const xmlNode* n : Children(root, "ip")) {
    VNET_ASSIGN_OR_RETURN(Ip ip, ParseIpElement(ctx, n));
    net.ips.push_back(std::move(ip));
  }
  for (const xmlNode* n : Children(root, "route")) {
    VNET_ASSIGN_OR_RETURN(Route route, ParseRouteElement(ctx, n));
    net.routes.push_back(std::move(route));
  }
  return OkStatus();
}

Status ParseRootChildren(ParseCtx& ctx, const xmlNode* root, Network& net) {
  VNET_TRY(ParseIdentity(ctx, root, net));
  ctx.network = net.name;
  VNET_TRY(ApplyXPathAttrs<Network>(ctx, root, kNetworkXPathAttrs, net));
  VNET_TRY(ApplyAttrs<Network>(ctx, root, kNetworkAttrs, net));
  if (const xmlNode* domain = Child(root, "domain")) VNET_TRY(ParseDomain(ctx, domain, net));
  VNET_TRY(ParsePortLevel(ctx, root, net));
  VNET_TRY(ParseAddressing(ctx, root, net));
  VNET_TRY(ParseRepeated(ctx, root, net));
  if (const xmlNode* forward = Child(root, "forward")) {
    VNET_ASSIGN_OR_RETURN(net.forward, ParseForwardElement(ctx, forward));
  }
  net.metadata = ExtractMetadata(root);
  VNET_ASSIGN_OR_RETURN(net.dnsmasq_options, ParseDnsmasqOptions(ctx, root));
  return OkStatus();
}

}  // namespace

Result<Network> ParseNetwork(std::string_view text, const std::string& source) {
  VNET_ASSIGN_OR_RETURN(DocPtr doc, ParseDocument(text, source));
  const xmlNode* root = Root(doc);
  if (Name(root) != "network") {
    return MakeError(ErrorKind::kInvalidInput,
                     std::string(kXmlError) + "expecting root element of 'network', not '" +
                         std::string(Name(root)) + "'",
                     LocOf(source, root));
  }
  ParseCtx ctx{source, ""};
  Network net;
  net.loc = ctx.Loc(root);
  AddChildLines(root, net.children);
  VNET_TRY(ParseRootChildren(ctx, root, net));
  return net;
}

}  // namespace vnet::xml
