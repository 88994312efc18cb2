// <vlan>, <virtualport>, <bandwidth> and the <portgroup> that bundles them.
#include <strings.h>

#include <algorithm>
#include <array>

#include "core/xml/parse_internal.h"

namespace vnet::xml {

namespace {

constexpr size_t kMaxProfileIdLength = 39;  // libvirt's profileID[40]

// ---- <vlan trunk><tag id nativeMode/></vlan> ----

Result<VlanTag> ParseVlanTag(const ParseCtx& ctx, const xmlNode* node, bool& seen_native) {
  VlanTag tag;
  tag.loc = ctx.Loc(node);
  std::optional<uint64_t> id = ParseUnsigned(Prop(node, "id").value_or(""), 10, UINT64_MAX);
  if (!id) {
    return ctx.Fail(node, "id",
                    std::string(kXmlError) + "missing or invalid vlan tag id attribute");
  }
  if (*id > 4095) {
    return ctx.Fail(node, "id",
                    std::string(kXmlError) + "vlan tag id " + std::to_string(*id) +
                        " too large (maximum 4095)");
  }
  tag.id = static_cast<uint32_t>(*id);
  std::optional<std::string> native = Prop(node, "nativeMode");
  if (!native || native->empty()) return tag;
  if (seen_native) {
    return ctx.Fail(node, "nativeMode", std::string(kXmlError) + "duplicate native vlan setting");
  }
  seen_native = true;
  if (*native == "tagged") {
    tag.native_mode = VlanNativeMode::kTagged;
  } else if (*native == "untagged") {
    tag.native_mode = VlanNativeMode::kUntagged;
  } else {
    return ctx.Fail(node, "nativeMode",
                    std::string(kUnsupported) + "Invalid \"nativeMode='" + *native +
                        "'\" in vlan <tag> element");
  }
  return tag;
}

Status ApplyTrunk(const ParseCtx& ctx, const xmlNode* node, bool has_native, Vlan& vlan) {
  std::optional<std::string> trunk = Prop(node, "trunk");
  if (!trunk || trunk->empty()) return OkStatus();
  if (strcasecmp(trunk->c_str(), "yes") == 0) {
    vlan.trunk = true;
    return OkStatus();
  }
  std::string message;
  if (vlan.tags.size() > 1) {
    message = "invalid \"trunk='" + *trunk +
              "'\" in <vlan> - trunk='yes' is required for more than one vlan tag";
  } else if (has_native) {
    message =
        "invalid configuration in <vlan> - \"trunk='no'\" is not allowed with a native "
        "vlan id";
  } else if (strcasecmp(trunk->c_str(), "no") != 0) {
    message = "invalid \"trunk='" + *trunk + "'\" in <vlan> - must be yes or no";
  }
  if (!message.empty()) return ctx.Fail(node, "trunk", std::string(kXmlError) + message);
  vlan.trunk = false;
  return OkStatus();
}

// ---- <virtualport type><parameters …/></virtualport> ----

constexpr std::array<std::string_view, 4> kVirtualPortTypes = {"802.1Qbg", "802.1Qbh",
                                                               "openvswitch", "midonet"};

struct NumericParam {
  const char* name;
  uint64_t max;
  const char* range_message;
  std::optional<std::string> VirtualPort::*field;
};
constexpr std::array<NumericParam, 3> kNumericParams = {{
    {"managerid", 0xff, "value of managerid out of range", &VirtualPort::manager_id},
    {"typeid", 0xffffff, "value for typeid out of range", &VirtualPort::type_id},
    {"typeidversion", 0xff, "value of typeidversion out of range", &VirtualPort::type_id_version},
}};

struct UuidParam {
  const char* name;
  std::optional<std::string> VirtualPort::*field;
};
constexpr std::array<UuidParam, 2> kUuidParams = {{
    {"instanceid", &VirtualPort::instance_id},
    {"interfaceid", &VirtualPort::interface_id},
}};

Status ParseVirtualPortNumbers(const ParseCtx& ctx, const xmlNode* params, VirtualPort& vp) {
  for (const NumericParam& p : kNumericParams) {
    std::optional<std::string> text = Prop(params, p.name);
    if (!text) continue;
    std::optional<uint64_t> value = ParseUnsigned(*text, 0, UINT32_MAX);
    if (!value) {
      return ctx.Fail(params, p.name,
                      std::string(kXmlError) + "cannot parse value of " + p.name + " parameter");
    }
    if (*value > p.max) return ctx.Fail(params, p.name, std::string(kXmlError) + p.range_message);
    vp.*p.field = std::to_string(*value);
  }
  return OkStatus();
}

Status ParseVirtualPortIds(const ParseCtx& ctx, const xmlNode* params, VirtualPort& vp) {
  for (const UuidParam& p : kUuidParams) {
    std::optional<std::string> text = Prop(params, p.name);
    if (!text) continue;
    std::optional<Uuid> uuid = Uuid::Parse(*text);
    if (!uuid) {
      return ctx.Fail(params, p.name,
                      std::string(kXmlError) + "cannot parse " + p.name + " parameter as a uuid");
    }
    vp.*p.field = uuid->ToString();
  }
  if (std::optional<std::string> profile = Prop(params, "profileid")) {
    if (profile->size() > kMaxProfileIdLength) {
      return ctx.Fail(params, "profileid", std::string(kXmlError) + "profileid parameter too long");
    }
    if (!profile->empty()) vp.profile_id = *profile;
  }
  return OkStatus();
}

// ---- <bandwidth><inbound|outbound average peak burst floor/> ----

constexpr std::array<AttrRule<BandwidthRate>, 4> kRateAttrs = {{
    {"average", SetUnsigned<BandwidthRate, &BandwidthRate::average, UINT64_MAX>},
    {"peak", SetUnsigned<BandwidthRate, &BandwidthRate::peak, UINT64_MAX>},
    {"burst", SetUnsigned<BandwidthRate, &BandwidthRate::burst, UINT64_MAX>},
    {"floor", SetUnsigned<BandwidthRate, &BandwidthRate::floor, UINT64_MAX>},
}};

Result<BandwidthRate> ParseRate(const ParseCtx& ctx, const xmlNode* node) {
  BandwidthRate rate;
  rate.loc = ctx.Loc(node);
  VNET_TRY(ApplyAttrs<BandwidthRate>(ctx, node, kRateAttrs, rate));
  if (!rate.average && !rate.floor) {
    return ctx.Fail(node, {}, "Missing mandatory average or floor attributes");
  }
  if ((rate.peak || rate.burst) && !rate.average) {
    return ctx.Fail(node, {},
                    std::string(kUnsupported) + "'peak' and 'burst' require 'average' attribute");
  }
  // Networks and portgroups are parsed with allowFloor=false in libvirt.
  if (rate.floor) {
    return ctx.Fail(node, "floor",
                    std::string(kUnsupported) + "floor attribute is not supported for this config");
  }
  return rate;
}

}  // namespace

Result<Vlan> ParseVlanElement(const ParseCtx& ctx, const xmlNode* node) {
  Vlan vlan;
  vlan.loc = ctx.Loc(node);
  std::vector<xmlNode*> tags = Children(node, "tag");
  if (tags.empty()) {
    return ctx.Fail(node, {},
                    std::string(kXmlError) +
                        "missing tag id - each <vlan> must have at least one <tag id='n'/> "
                        "subelement");
  }
  bool seen_native = false;
  for (const xmlNode* t : tags) {
    VNET_ASSIGN_OR_RETURN(VlanTag tag, ParseVlanTag(ctx, t, seen_native));
    vlan.tags.push_back(std::move(tag));
  }
  VNET_TRY(ApplyTrunk(ctx, node, seen_native, vlan));
  return vlan;
}

Result<VirtualPort> ParseVirtualPortElement(const ParseCtx& ctx, const xmlNode* node,
                                            bool require_type) {
  VirtualPort vp;
  vp.loc = ctx.Loc(node);
  if (std::optional<std::string> type = Prop(node, "type")) {
    if (std::find(kVirtualPortTypes.begin(), kVirtualPortTypes.end(), *type) ==
        kVirtualPortTypes.end()) {
      return ctx.Fail(node, "type",
                      std::string(kUnsupported) + "unknown virtualport type " + *type);
    }
    vp.type = *type;
  }
  if (!vp.type && require_type) {
    return ctx.Fail(node, "type", std::string(kXmlError) + "missing required virtualport type");
  }
  if (const xmlNode* params = Child(node, "parameters")) {
    VNET_TRY(ParseVirtualPortNumbers(ctx, params, vp));
    VNET_TRY(ParseVirtualPortIds(ctx, params, vp));
  }
  return vp;
}

Result<std::optional<Bandwidth>> ParseBandwidthElement(const ParseCtx& ctx, const xmlNode* node) {
  if (Prop(node, "classID")) {
    return ctx.Fail(node, "classID",
                    "classID attribute not supported on <bandwidth> in this usage context");
  }
  Bandwidth bw;
  bw.loc = ctx.Loc(node);
  if (const xmlNode* in = Child(node, "inbound")) {
    VNET_ASSIGN_OR_RETURN(bw.inbound, ParseRate(ctx, in));
  }
  if (const xmlNode* out = Child(node, "outbound")) {
    VNET_ASSIGN_OR_RETURN(bw.outbound, ParseRate(ctx, out));
  }
  if (!bw.inbound && !bw.outbound) return std::optional<Bandwidth>();
  return std::optional<Bandwidth>(std::move(bw));
}

Result<Portgroup> ParsePortgroupElement(const ParseCtx& ctx, const xmlNode* node) {
  Portgroup pg;
  pg.loc = ctx.Loc(node);
  std::optional<std::string> name = Prop(node, "name");
  if (!name || name->empty()) {
    return ctx.Fail(node, "name",
                    std::string(kXmlError) + "Missing required name attribute in portgroup");
  }
  pg.name = *name;
  std::optional<std::string> is_default = Prop(node, "default");
  pg.is_default = is_default && strcasecmp(is_default->c_str(), "yes") == 0;
  if (std::optional<std::string> trust = Prop(node, "trustGuestRxFilters")) {
    std::optional<bool> value = ParseYesNo(*trust);
    if (!value) return Attr{ctx, node, "trustGuestRxFilters", *trust}.Invalid();
    pg.trust_guest_rx_filters = *value;
  }
  if (const xmlNode* vp = Child(node, "virtualport")) {
    VNET_ASSIGN_OR_RETURN(pg.virtualport, ParseVirtualPortElement(ctx, vp, false));
  }
  if (const xmlNode* bw = Child(node, "bandwidth")) {
    VNET_ASSIGN_OR_RETURN(pg.bandwidth, ParseBandwidthElement(ctx, bw));
  }
  if (const xmlNode* vlan = Child(node, "vlan")) {
    VNET_ASSIGN_OR_RETURN(pg.vlan, ParseVlanElement(ctx, vlan));
  }
  return pg;
}

}  // namespace vnet::xml
