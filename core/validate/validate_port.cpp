// Port-level settings: <bandwidth> (virNetDevBandwidthParse), <vlan>
// (virNetDevVlanParse) and <virtualport> (virNetDevVPortProfileParse).
#include <cerrno>
#include <cstdlib>

#include "core/validate/rules.h"

namespace vnet::validate {

namespace {

// Network and portgroup bandwidth are parsed with allowFloor=false.
void CheckRate(Errors& errs, const BandwidthRate& rate) {
  if (!rate.average && !rate.floor) {
    Report(errs, Code::kXmlDetail, "Missing mandatory average or floor attributes", rate.loc);
  } else if ((rate.peak || rate.burst) && !rate.average) {
    Report(errs, Code::kConfigUnsupported, "'peak' and 'burst' require 'average' attribute",
           rate.loc);
  } else if (rate.floor) {
    Report(errs, Code::kConfigUnsupported, "floor attribute is not supported for this config",
           rate.loc, "floor");
  }
}

// virStrToLong_ui with base 0: decimal, 0x hex or 0 octal, nothing after.
std::optional<unsigned long> ParseUnsigned(const std::string& text) {
  if (text.empty() || text[0] == '-' || text[0] == '+' || text[0] == ' ') return std::nullopt;
  errno = 0;
  char* end = nullptr;
  unsigned long v = std::strtoul(text.c_str(), &end, 0);
  if (errno != 0 || *end != '\0' || v > 0xffffffffUL) return std::nullopt;
  return v;
}

void CheckNumberParam(Errors& errs, const VirtualPort& vp, const std::optional<std::string>& value,
                      std::string_view name, unsigned long max, std::string_view range_msg) {
  if (!value) return;
  auto v = ParseUnsigned(*value);
  if (!v) {
    Report(errs, Code::kXmlError, Subst("cannot parse value of %s parameter", {name}), vp.loc);
  } else if (*v > max) {
    Report(errs, Code::kXmlError, range_msg, vp.loc);
  }
}

void CheckUuidParam(Errors& errs, const VirtualPort& vp, const std::optional<std::string>& value,
                    std::string_view name) {
  if (value && !Uuid::Parse(*value)) {
    Report(errs, Code::kXmlError, Subst("cannot parse %s parameter as a uuid", {name}), vp.loc);
  }
}

// The 802.1Qbg-only parameters, in libvirt's reporting order.
const char* FirstQbgParam(const VirtualPort& vp) {
  if (vp.manager_id) return "managerid";
  if (vp.type_id) return "typeid";
  if (vp.type_id_version) return "typeidversion";
  if (vp.instance_id) return "instanceid";
  return nullptr;
}

// virNetDevVPortProfileCheckNoExtras: the first parameter the type cannot use.
const char* ExtraParam(const VirtualPort& vp) {
  const std::string& t = *vp.type;
  const char* qbg = FirstQbgParam(vp);
  if (t == "802.1Qbg") {
    if (vp.profile_id) return "profileid";
    return vp.interface_id ? "interfaceid" : nullptr;
  }
  if (t == "802.1Qbh") return qbg ? qbg : (vp.interface_id ? "interfaceid" : nullptr);
  if (t == "midonet") return qbg ? qbg : (vp.profile_id ? "profileid" : nullptr);
  return qbg;  // openvswitch
}

bool KnownVirtualPortType(const std::string& type) {
  return type == "802.1Qbg" || type == "802.1Qbh" || type == "openvswitch" || type == "midonet";
}

}  // namespace

void CheckBandwidth(Errors& errs, const Bandwidth& bw) {
  if (bw.inbound) CheckRate(errs, *bw.inbound);
  if (bw.outbound) CheckRate(errs, *bw.outbound);
}

void CheckVlan(Errors& errs, const Vlan& vlan) {
  if (vlan.tags.empty()) {
    Report(errs, Code::kXmlError,
           "missing tag id - each <vlan> must have at least one <tag id='n'/> subelement",
           vlan.loc);
    return;
  }
  int natives = 0;
  for (const VlanTag& tag : vlan.tags) {
    if (tag.id > 4095) {
      Report(errs, Code::kXmlError,
             Subst("vlan tag id %s too large (maximum 4095)", {std::to_string(tag.id)}), tag.loc,
             "id");
      return;
    }
    if (tag.native_mode && ++natives > 1) {
      Report(errs, Code::kXmlError, "duplicate native vlan setting", tag.loc, "nativeMode");
      return;
    }
  }
  if (vlan.trunk != false) return;
  if (vlan.tags.size() > 1) {
    Report(errs, Code::kXmlError,
           "invalid \"trunk='no'\" in <vlan> - trunk='yes' is required for more than one vlan tag",
           vlan.loc, "trunk");
  } else if (natives > 0) {
    Report(errs, Code::kXmlError,
           "invalid configuration in <vlan> - \"trunk='no'\" is not allowed with a native vlan id",
           vlan.loc, "trunk");
  }
}

void CheckVirtualPort(Errors& errs, const VirtualPort& vp, bool require_type) {
  if (vp.type && !KnownVirtualPortType(*vp.type)) {
    Report(errs, Code::kConfigUnsupported, Subst("unknown virtualport type %s", {*vp.type}), vp.loc,
           "type");
    return;
  }
  if (!vp.type && require_type) {
    Report(errs, Code::kXmlError, "missing required virtualport type", vp.loc, "type");
    return;
  }
  size_t before = errs.size();
  CheckNumberParam(errs, vp, vp.manager_id, "managerid", 0xff, "value of managerid out of range");
  CheckNumberParam(errs, vp, vp.type_id, "typeid", 0xffffff, "value for typeid out of range");
  CheckNumberParam(errs, vp, vp.type_id_version, "typeidversion", 0xff,
                   "value of typeidversion out of range");
  CheckUuidParam(errs, vp, vp.instance_id, "instanceid");
  if (vp.profile_id && vp.profile_id->size() >= 40) {  // LIBVIRT_IFLA_VF_PORT_PROFILE_MAX
    Report(errs, Code::kXmlError, "profileid parameter too long", vp.loc);
  }
  CheckUuidParam(errs, vp, vp.interface_id, "interfaceid");
  if (errs.size() != before || !vp.type) return;
  if (const char* extra = ExtraParam(vp)) {
    Report(errs, Code::kXmlError,
           Subst("extra %s unsupported in <virtualport type='%s'>", {extra, *vp.type}), vp.loc);
  }
}

}  // namespace vnet::validate
