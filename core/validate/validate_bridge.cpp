// <bridge>, <mac> and <mtu> against the forward mode (virNetworkDefParseXML).
#include "core/validate/rules.h"

namespace vnet::validate {

void CheckBridgeMac(Errors& errs, const Network& net) {
  if (net.mac && net.mac->IsMulticast()) {
    Report(errs, Code::kXmlError,
           Subst("Invalid multicast bridge mac address '%s' in network '%s'",
                 {net.mac->ToString(), net.name}),
           net.ChildLoc("mac"), "address");
  }
}

namespace {

// The element group libvirt reports as "bridge ... not allowed in %s mode".
bool NoBridgeMode(ForwardMode mode) {
  return mode == ForwardMode::kPrivate || mode == ForwardMode::kVepa ||
         mode == ForwardMode::kPassthrough || mode == ForwardMode::kHostdev;
}

// Returns false after reporting, as libvirt stops at the first of these.
bool CheckNoBridgeMode(Errors& errs, const Network& net, const Bridge& br) {
  struct Rule {
    bool present;
    const char* tmpl;
    const char* attr;
  };
  const Rule rules[] = {
      {br.name.has_value(), "bridge name not allowed in %s mode (network '%s')", "name"},
      {br.zone.has_value(), "bridge zone not allowed in %s mode (network '%s')", "zone"},
      {br.mac_table_manager.has_value(),
       "bridge macTableManager setting not allowed in %s mode (network '%s')", "macTableManager"},
  };
  for (const Rule& r : rules) {
    if (!r.present) continue;
    Report(errs, Code::kXmlError, Subst(r.tmpl, {ModeName(net), net.name}), br.loc, r.attr);
    return false;
  }
  return true;
}

}  // namespace

void CheckModeVsBridge(Errors& errs, const Network& net) {
  ForwardMode mode = net.Mode();
  if (!net.bridge || (!NoBridgeMode(mode) && mode != ForwardMode::kBridge)) return;
  const Bridge& br = *net.bridge;
  if (NoBridgeMode(mode) && !CheckNoBridgeMode(errs, net, br)) return;
  // libvirt tests stp by presence but delay by value: delay='0' passes.
  if ((br.delay && *br.delay != 0) || br.stp || br.zone) {
    Report(errs, Code::kXmlError,
           Subst("bridge delay/stp/zone options only allowed in route, nat, and isolated mode, "
                 "not in %s (network '%s')",
                 {ModeName(net), net.name}),
           br.loc);
    return;
  }
  const Forward& fwd = *net.forward;
  bool has_pool = !fwd.interfaces.empty() || !fwd.addresses.empty() || fwd.pf;
  if (br.name && has_pool) {
    Report(errs, Code::kXmlError,
           Subst("A network with forward mode='%s' can specify a bridge name or a forward dev, "
                 "but not both (network '%s')",
                 {ModeName(net), net.name}),
           br.loc, "name");
  }
}

void CheckMtu(Errors& errs, const Network& net) {
  if (!net.mtu || *net.mtu == 0 || net.HasManagedBridge()) return;
  Report(errs, Code::kXmlError,
         Subst("mtu size only allowed in open, route, nat, and isolated mode, not in %s "
               "(network '%s')",
               {ModeName(net), net.name}),
         net.ChildLoc("mtu"), "size");
}

}  // namespace vnet::validate
