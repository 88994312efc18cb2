// <portgroup>: its parse-time rules (virNetworkPortGroupParseXML) and the
// driver's rules on names, defaults, VLANs and bandwidth (networkValidate).
#include "core/validate/rules.h"

namespace vnet::validate {

void CheckPortgroupsParse(Errors& errs, const Network& net) {
  for (const Portgroup& pg : net.portgroups) {
    if (pg.name.empty()) {
      Report(errs, Code::kXmlError, "Missing required name attribute in portgroup", pg.loc, "name");
      continue;
    }
    if (pg.virtualport) CheckVirtualPort(errs, *pg.virtualport, /*require_type=*/false);
    if (pg.bandwidth) CheckBandwidth(errs, *pg.bandwidth);
    if (pg.vlan) CheckVlan(errs, *pg.vlan);
  }
}

namespace {

bool VlanAllowed(const Network& net) {
  ForwardMode mode = net.Mode();
  return mode == ForwardMode::kHostdev || mode == ForwardMode::kPassthrough ||
         (mode == ForwardMode::kBridge && net.virtualport &&
          net.virtualport->type == "openvswitch");
}

bool HasTags(const std::optional<Vlan>& vlan) { return vlan && !vlan->tags.empty(); }

// A portgroup that hands out a VLAN tag must end up on Open vSwitch (or on a
// mode that supports VLANs itself).
bool BadVlanUse(const Network& net, const Portgroup& pg) {
  if (!HasTags(net.vlan) && !HasTags(pg.vlan)) return false;
  if (pg.virtualport) {
    return net.Mode() != ForwardMode::kBridge || pg.virtualport->type != "openvswitch";
  }
  return !VlanAllowed(net);
}

// Returns false after reporting, as networkValidate stops there.
bool CheckPortgroup(Errors& errs, const Network& net, size_t i, const Portgroup*& default_pg,
                    bool bandwidth_allowed) {
  const Portgroup& pg = net.portgroups[i];
  if (pg.is_default && default_pg) {
    Report(errs, Code::kConfigUnsupported,
           Subst("network '%s' has multiple default <portgroup> elements (%s and %s), but only "
                 "one default is allowed",
                 {net.name, default_pg->name, pg.name}),
           pg.loc, "default");
    return false;
  }
  if (pg.is_default) default_pg = &pg;
  for (size_t j = i + 1; j < net.portgroups.size(); ++j) {
    if (net.portgroups[j].name != pg.name) continue;
    Report(errs, Code::kConfigUnsupported,
           Subst("multiple <portgroup> elements with the same name (%s) in network '%s'",
                 {pg.name, net.name}),
           net.portgroups[j].loc, "name");
    return false;
  }
  if (HasBandwidth(pg.bandwidth) && !bandwidth_allowed) {
    Report(errs, Code::kConfigUnsupported,
           Subst("Unsupported <bandwidth> element in network '%s' in portgroup '%s' with forward "
                 "mode='%s'",
                 {net.name, pg.name, ModeName(net)}),
           pg.bandwidth->loc);
    return false;
  }
  return true;
}

}  // namespace

void CheckDriverPortgroups(Errors& errs, const Network& net) {
  bool bandwidth_allowed = BandwidthAllowed(net);
  const Portgroup* default_pg = nullptr;
  bool bad_vlan = false;
  for (size_t i = 0; i < net.portgroups.size(); ++i) {
    bad_vlan = bad_vlan || BadVlanUse(net, net.portgroups[i]);
    if (!CheckPortgroup(errs, net, i, default_pg, bandwidth_allowed)) return;
  }
  if (bad_vlan || (HasTags(net.vlan) && !VlanAllowed(net) && !default_pg)) {
    const SourceLoc& where = net.vlan ? net.vlan->loc : net.loc;
    Report(errs, Code::kConfigUnsupported,
           Subst("<vlan> element specified for network %s, whose type doesn't support vlan "
                 "configuration",
                 {net.name}),
           where);
    return;
  }
  if (net.Mode() != ForwardMode::kHostdev) return;
  for (const Portgroup& pg : net.portgroups) {
    if (!HasBandwidth(pg.bandwidth)) continue;
    Report(errs, Code::kConfigUnsupported,
           Subst("unsupported <bandwidth> element in <portgroup name='%s'> of network '%s' with "
                 "forward mode='%s'",
                 {pg.name, net.name, ModeName(net)}),
           pg.bandwidth->loc);
    return;
  }
}

}  // namespace vnet::validate
