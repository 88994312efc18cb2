// <vlan>, <virtualport>, <bandwidth>, <portgroup>.
#include <array>

#include "core/xml/format_internal.h"

namespace vnet::xml {

namespace {

// Which <parameters> attributes each virtualport type prints, in libvirt's
// order. An empty type list means "no type" only.
struct VportParam {
  const char* name;
  std::optional<std::string> VirtualPort::*field;
  std::array<std::string_view, 2> types;
};
constexpr std::array<VportParam, 6> kVportParams = {{
    {"managerid", &VirtualPort::manager_id, {"802.1Qbg", ""}},
    {"typeid", &VirtualPort::type_id, {"802.1Qbg", ""}},
    {"typeidversion", &VirtualPort::type_id_version, {"802.1Qbg", ""}},
    {"instanceid", &VirtualPort::instance_id, {"802.1Qbg", ""}},
    {"interfaceid", &VirtualPort::interface_id, {"midonet", "openvswitch"}},
    {"profileid", &VirtualPort::profile_id, {"openvswitch", "802.1Qbh"}},
}};

bool PrintsFor(const VportParam& p, const std::optional<std::string>& type) {
  if (!type) return true;
  return p.types[0] == *type || p.types[1] == *type;
}

void FormatRate(XmlWriter& w, const std::optional<BandwidthRate>& rate, const char* name) {
  if (!rate || (rate->average.value_or(0) == 0 && rate->floor.value_or(0) == 0)) return;
  std::string line = std::string("<") + name;
  const std::pair<const char*, const std::optional<uint64_t>*> fields[] = {
      {"average", &rate->average},
      {"peak", &rate->peak},
      {"floor", &rate->floor},
      {"burst", &rate->burst}};
  for (const auto& [attr, value] : fields) {
    if (value->value_or(0) != 0)
      line += std::string(" ") + attr + "='" + std::to_string(**value) + "'";
  }
  w.Line(line + "/>");
}

}  // namespace

void FormatVlan(XmlWriter& w, const Vlan& vlan) {
  if (vlan.tags.empty()) return;
  // libvirt turns trunk on by itself when there is more than one tag.
  const bool trunk = vlan.trunk.value_or(false) || vlan.tags.size() > 1;
  w.Line(trunk ? "<vlan trunk='yes'>" : "<vlan>");
  w.Indent();
  for (const VlanTag& tag : vlan.tags) {
    std::string line = "<tag id='" + std::to_string(tag.id) + "'";
    if (tag.native_mode) {
      line += std::string(" nativeMode='") +
              (*tag.native_mode == VlanNativeMode::kTagged ? "tagged" : "untagged") + "'";
    }
    w.Line(line + "/>");
  }
  w.Dedent();
  w.Line("</vlan>");
}

void FormatBandwidth(XmlWriter& w, const Bandwidth& bw) {
  w.Line("<bandwidth>");
  w.Indent();
  FormatRate(w, bw.inbound, "inbound");
  FormatRate(w, bw.outbound, "outbound");
  w.Dedent();
  w.Line("</bandwidth>");
}

void FormatVirtualPort(XmlWriter& w, const VirtualPort& vp) {
  bool has_params = false;
  for (const VportParam& p : kVportParams) has_params = has_params || (vp.*p.field).has_value();
  if (!vp.type && !has_params) return;
  const std::string open = vp.type ? "<virtualport" + AttrText("type", *vp.type) : "<virtualport";
  if (!has_params) {
    w.Line(open + "/>");
    return;
  }
  w.Line(open + ">");
  w.Indent();
  std::string line = "<parameters";
  for (const VportParam& p : kVportParams) {
    if ((vp.*p.field) && PrintsFor(p, vp.type)) line += AttrText(p.name, *(vp.*p.field));
  }
  w.Line(line + "/>");
  w.Dedent();
  w.Line("</virtualport>");
}

void FormatPortgroupTo(XmlWriter& w, const Portgroup& pg) {
  std::string open = "<portgroup" + AttrText("name", pg.name);
  if (pg.is_default) open += " default='yes'";
  if (pg.trust_guest_rx_filters) {
    open += std::string(" trustGuestRxFilters='") + YesNo(*pg.trust_guest_rx_filters) + "'";
  }
  w.Line(open + ">");
  w.Indent();
  if (pg.vlan) FormatVlan(w, *pg.vlan);
  if (pg.virtualport) FormatVirtualPort(w, *pg.virtualport);
  if (pg.bandwidth) FormatBandwidth(w, *pg.bandwidth);
  w.Dedent();
  w.Line("</portgroup>");
}

}  // namespace vnet::xml
