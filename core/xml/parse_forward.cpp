// <forward mode dev managed> with <driver>, <nat>, <interface>, <address>, <pf>.
#include <strings.h>

#include <array>

#include "core/xml/parse_internal.h"

namespace vnet::xml {

namespace {

struct ModeName {
  std::string_view name;
  ForwardMode mode;
};
constexpr std::array<ModeName, 9> kModes = {{
    {"none", ForwardMode::kNone},
    {"nat", ForwardMode::kNat},
    {"route", ForwardMode::kRoute},
    {"open", ForwardMode::kOpen},
    {"bridge", ForwardMode::kBridge},
    {"private", ForwardMode::kPrivate},
    {"vepa", ForwardMode::kVepa},
    {"passthrough", ForwardMode::kPassthrough},
    {"hostdev", ForwardMode::kHostdev},
}};

Status SetMode(const Attr& attr, Forward& out) {
  for (const ModeName& m : kModes) {
    if (m.name == attr.value) {
      out.mode = m.mode;
      out.mode_explicit = true;
      return OkStatus();
    }
  }
  return attr.Fail(std::string(kUnsupported) + "unknown forwarding type '" + attr.value + "'");
}

Status SetManaged(const Attr& attr, Forward& out) {
  out.managed = strcasecmp(attr.value.c_str(), "yes") == 0;
  return OkStatus();
}

constexpr std::array<AttrRule<Forward>, 2> kForwardAttrs = {{
    {"mode", SetMode},
    {"managed", SetManaged},
}};

// The error text after "… in network": libvirt's forward messages name the
// network without quotes.
std::string OfNetwork(const ParseCtx& ctx, std::string_view word = " of network ") {
  return ctx.Net(word, "");
}

Status ParseDriver(const ParseCtx& ctx, const xmlNode* node, Forward& out) {
  std::optional<std::string> name = Prop(node, "name");
  if (!name) return OkStatus();
  if (*name == "kvm") {
    out.driver = ForwardDriver::kKvm;
  } else if (*name == "vfio") {
    out.driver = ForwardDriver::kVfio;
  } else {
    return Attr{ctx, node, "name", *name}.Invalid();
  }
  return OkStatus();
}

Result<NatAddressRange> ParseNatAddress(const ParseCtx& ctx, const xmlNode* node) {
  auto missing = [&](const char* which) {
    return ctx.Fail(node, which,
                    std::string(kXmlError) + "missing '" + which +
                        "' attribute in <address> element in <nat> in <forward>" +
                        OfNetwork(ctx, " in network "));
  };
  std::optional<std::string> start = Prop(node, "start");
  if (!start) return missing("start");
  std::optional<std::string> end = Prop(node, "end");
  if (!end) return missing("end");
  NatAddressRange range;
  range.loc = ctx.Loc(node);
  std::optional<IpAddr> s = IpAddr::Parse(*start, Family::kIpv4);
  if (!s) {
    return ctx.Fail(node, "start",
                    std::string(kXmlError) + "Bad ipv4 start address '" + *start +
                        "' in <nat> in <forward>" + ctx.Net(" in network '"));
  }
  std::optional<IpAddr> e = IpAddr::Parse(*end, Family::kIpv4);
  if (!e) {
    return ctx.Fail(node, "end",
                    std::string(kXmlError) + "Bad ipv4 end address '" + *end +
                        "' in <nat> in <forward>" + ctx.Net(" in network '"));
  }
  range.start = *s;
  range.end = *e;
  return range;
}

Result<NatPortRange> ParseNatPort(const ParseCtx& ctx, const xmlNode* node) {
  NatPortRange port;
  port.loc = ctx.Loc(node);
  auto bad = [&](const char* which) {
    return ctx.Fail(node, which,
                    std::string("Missing or invalid '") + which +
                        "' attribute in <port> in <nat> in <forward>" +
                        OfNetwork(ctx, " in network "));
  };
  std::optional<uint64_t> start = ParseUnsigned(Prop(node, "start").value_or(""), 10, 65535);
  if (!start) return bad("start");
  std::optional<uint64_t> end = ParseUnsigned(Prop(node, "end").value_or(""), 10, 65535);
  if (!end || *end < *start) return bad("end");
  port.start = static_cast<uint32_t>(*start);
  port.end = static_cast<uint32_t>(*end);
  return port;
}

Result<ForwardNat> ParseNat(const ParseCtx& ctx, const xmlNode* node, ForwardMode mode) {
  if (mode != ForwardMode::kNat) {
    return ctx.Fail(node, {},
                    std::string(kXmlError) +
                        "The <nat> element can only be used when <forward> 'mode' is 'nat'" +
                        OfNetwork(ctx, " in network "));
  }
  ForwardNat nat;
  nat.loc = ctx.Loc(node);
  if (std::optional<std::string> ipv6 = Prop(node, "ipv6")) {
    std::optional<bool> value = ParseYesNo(*ipv6);
    if (!value) return Attr{ctx, node, "ipv6", *ipv6}.Invalid();
    nat.ipv6 = *value;
  }
  std::vector<xmlNode*> addresses = Children(node, "address");
  if (addresses.size() > 1) {
    return ctx.Fail(addresses[1], {},
                    std::string(kXmlError) +
                        "Only one <address> element is allowed in <nat> in <forward>" +
                        OfNetwork(ctx, " in network "));
  }
  if (!addresses.empty()) {
    VNET_ASSIGN_OR_RETURN(nat.address, ParseNatAddress(ctx, addresses[0]));
  }
  std::vector<xmlNode*> ports = Children(node, "port");
  if (ports.size() > 1) {
    return ctx.Fail(ports[1], {},
                    std::string(kXmlError) +
                        "Only one <port> element is allowed in <nat> in <forward>" +
                        OfNetwork(ctx, " in network "));
  }
  if (!ports.empty()) {
    VNET_ASSIGN_OR_RETURN(nat.port, ParseNatPort(ctx, ports[0]));
  }
  return nat;
}

Status ParseInterfaces(const ParseCtx& ctx, const std::vector<xmlNode*>& nodes, Forward& out) {
  const bool has_dev = !out.interfaces.empty();
  for (size_t i = 0; i < nodes.size(); ++i) {
    std::optional<std::string> dev = Prop(nodes[i], "dev");
    if (!dev) {
      return ctx.Fail(nodes[i], "dev",
                      std::string(kXmlError) +
                          "Missing required dev attribute in <forward> <interface> element" +
                          OfNetwork(ctx));
    }
    if (i == 0 && has_dev) {
      if (*dev != out.interfaces[0].dev) {
        return ctx.Fail(nodes[i], "dev",
                        std::string(kXmlError) + "<forward dev='" + out.interfaces[0].dev +
                            "'> must match first <interface dev='" + *dev + "'/>" +
                            OfNetwork(ctx, " in network "));
      }
      out.interfaces[0].loc = ctx.Loc(nodes[i]);
      continue;
    }
    out.interfaces.push_back(ForwardInterface{*dev, ctx.Loc(nodes[i])});
  }
  return OkStatus();
}

Status CheckPciRange(const ParseCtx& ctx, const xmlNode* node, const PciAddress& a) {
  auto hex = [](uint32_t v) {
    char buf[16];
    snprintf(buf, sizeof(buf), "%x", v);
    return std::string(buf);
  };
  std::string message;
  if (a.bus > 0xFF) {
    message = "Invalid PCI address bus='0x" + hex(a.bus) + "', must be <= 0xFF";
  } else if (a.slot > 0x1F) {
    message = "Invalid PCI address slot='0x" + hex(a.slot) + "', must be <= 0x1F";
  } else if (a.function > 7) {
    message = "Invalid PCI address function=0x" + hex(a.function) + ", must be <= 7";
  }
  if (message.empty()) return OkStatus();
  return ctx.Fail(node, {}, std::string(kXmlError) + message);
}

Result<PciAddress> ParsePciAddress(const ParseCtx& ctx, const xmlNode* node) {
  std::optional<std::string> type = Prop(node, "type");
  if (!type) {
    return ctx.Fail(
        node, "type",
        std::string(kXmlError) + "missing address type" + OfNetwork(ctx, " in network "));
  }
  if (*type != "pci") {
    const bool known = *type == "none" || *type == "netdev";
    return ctx.Fail(node, "type",
                    std::string(known ? kXmlError : kUnsupported) +
                        (known ? "unsupported" : "unknown") + " address type '" + *type + "'" +
                        OfNetwork(ctx, " in network "));
  }
  PciAddress addr;
  addr.loc = ctx.Loc(node);
  const std::array<std::pair<const char*, uint32_t*>, 4> fields = {{{"domain", &addr.domain},
                                                                    {"bus", &addr.bus},
                                                                    {"slot", &addr.slot},
                                                                    {"function", &addr.function}}};
  for (const auto& [name, field] : fields) {
    std::optional<std::string> value = Prop(node, name);
    if (!value) continue;
    std::optional<uint64_t> number = ParseUnsigned(*value, 0, UINT32_MAX);
    if (!number) return Attr{ctx, node, name, *value}.Invalid("non-negative integer value");
    *field = static_cast<uint32_t>(*number);
  }
  VNET_TRY(CheckPciRange(ctx, node, addr));
  return addr;
}

Status ParsePool(const ParseCtx& ctx, const xmlNode* node, Forward& out) {
  std::optional<std::string> dev = Prop(node, "dev");
  if (dev && dev->empty()) dev.reset();
  std::vector<xmlNode*> ifaces = Children(node, "interface");
  std::vector<xmlNode*> addrs = Children(node, "address");
  std::vector<xmlNode*> pfs = Children(node, "pf");
  if (dev && (!addrs.empty() || !pfs.empty())) {
    return ctx.Fail(node, "dev",
                    std::string(kXmlError) +
                        "the <forward> 'dev' attribute cannot be used when <address> or <pf> "
                        "sub-elements are present" +
                        OfNetwork(ctx, " in network "));
  }
  if (dev) out.interfaces.push_back(ForwardInterface{*dev, ctx.Loc(node, "dev")});
  // As libvirt: an <interface> pool hides <address> and <pf>, addresses hide <pf>.
  if (!ifaces.empty() || dev) return ParseInterfaces(ctx, ifaces, out);
  for (const xmlNode* a : addrs) {
    VNET_ASSIGN_OR_RETURN(PciAddress addr, ParsePciAddress(ctx, a));
    out.addresses.push_back(addr);
  }
  if (!addrs.empty()) return OkStatus();
  if (pfs.size() > 1) {
    return ctx.Fail(
        pfs[1], {},
        std::string(kXmlError) + "Only one <pf> element is allowed in <forward>" + OfNetwork(ctx));
  }
  if (pfs.size() == 1) {
    std::optional<std::string> pf_dev = Prop(pfs[0], "dev");
    if (!pf_dev) {
      return ctx.Fail(pfs[0], "dev",
                      std::string(kXmlError) + "Missing required dev attribute in <pf> element" +
                          ctx.Net(" of network '"));
    }
    out.pf = ForwardInterface{*pf_dev, ctx.Loc(pfs[0])};
  }
  return OkStatus();
}

}  // namespace

Result<Forward> ParseForwardElement(const ParseCtx& ctx, const xmlNode* node) {
  Forward forward;
  forward.loc = ctx.Loc(node);
  VNET_TRY(ApplyXPathAttrs<Forward>(ctx, node, kForwardAttrs, forward));
  if (const xmlNode* driver = Child(node, "driver")) VNET_TRY(ParseDriver(ctx, driver, forward));
  std::vector<xmlNode*> nats = Children(node, "nat");
  if (nats.size() > 1) {
    return ctx.Fail(
        nats[1], {},
        std::string(kXmlError) + "Only one <nat> element is allowed in <forward>" + OfNetwork(ctx));
  }
  if (!nats.empty()) {
    VNET_ASSIGN_OR_RETURN(forward.nat, ParseNat(ctx, nats[0], forward.mode));
  }
  VNET_TRY(ParsePool(ctx, node, forward));
  return forward;
}

Result<ForwardInterface> ParseForwardInterfaceElement(const ParseCtx& ctx, const xmlNode* node) {
  std::optional<std::string> dev = Prop(node, "dev");
  if (!dev) {
    return ctx.Fail(node, "dev",
                    std::string(kXmlError) + "missing dev attribute in <interface> element");
  }
  return ForwardInterface{*dev, ctx.Loc(node)};
}

}  // namespace vnet::xml
