// <forward> and <bridge>, from virNetworkDefFormatBuf.
#include <cstdio>

#include "core/xml/format_internal.h"

namespace vnet::xml {

namespace {

std::string PciAddressLine(const PciAddress& a) {
  char buf[128];
  snprintf(buf, sizeof(buf),
           "<address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%u'/>",
           a.domain, a.bus, a.slot, a.function);
  return buf;
}

const char* DriverName(ForwardDriver driver) {
  switch (driver) {
    case ForwardDriver::kKvm:
      return "kvm";
    case ForwardDriver::kVfio:
      return "vfio";
    case ForwardDriver::kDefault:
      break;
  }
  return "default";
}

bool HasNatChildren(const ForwardNat& nat) {
  return nat.address || (nat.port && (nat.port->start || nat.port->end));
}

// virNetworkForwardNatDefFormat.
void FormatNat(XmlWriter& w, const ForwardNat& nat) {
  if (!HasNatChildren(nat) && !nat.ipv6) return;
  std::string open = "<nat";
  if (nat.ipv6) open += std::string(" ipv6='") + YesNo(*nat.ipv6) + "'";
  if (!HasNatChildren(nat)) {
    w.Line(open + "/>");
    return;
  }
  w.Line(open + ">");
  w.Indent();
  if (nat.address) {
    std::string line = "<address start='" + nat.address->start.ToString() + "'";
    if (nat.address->end) line += " end='" + nat.address->end->ToString() + "'";
    w.Line(line + "/>");
  }
  if (nat.port && (nat.port->start || nat.port->end)) {
    std::string line = "<port start='" + std::to_string(nat.port->start) + "'";
    if (nat.port->end) line += " end='" + std::to_string(nat.port->end) + "'";
    w.Line(line + "/>");
  }
  w.Dedent();
  w.Line("</nat>");
}

bool IsShortForward(const Forward& fwd) {
  const bool driver = fwd.driver && *fwd.driver != ForwardDriver::kDefault;
  const bool nat = fwd.nat && (fwd.nat->address || fwd.nat->ipv6 ||
                               (fwd.nat->port && (fwd.nat->port->start || fwd.nat->port->end)));
  return !(!fwd.interfaces.empty() || fwd.pf || !fwd.addresses.empty() || nat || driver);
}

std::string ForwardOpenTag(const Forward& fwd) {
  std::string open = "<forward";
  if (!fwd.pf && !fwd.interfaces.empty()) open += AttrText("dev", fwd.interfaces.front().dev);
  open += " mode='" + std::string(ForwardModeName(fwd.mode)) + "'";
  if (fwd.mode == ForwardMode::kHostdev) {
    open += std::string(" managed='") + YesNo(fwd.managed.value_or(false)) + "'";
  }
  return open;
}

void FormatForwardChildren(XmlWriter& w, const Forward& fwd, bool inactive) {
  if (fwd.driver && *fwd.driver != ForwardDriver::kDefault) {
    w.Line(std::string("<driver name='") + DriverName(*fwd.driver) + "'/>");
  }
  if (fwd.mode == ForwardMode::kNat && fwd.nat) FormatNat(w, *fwd.nat);
  if (fwd.pf) w.Line("<pf" + AttrText("dev", fwd.pf->dev) + "/>");
  // The inactive form hides a pool expanded from <pf> (libvirt's live VF list).
  if (fwd.pf && inactive) return;
  for (const ForwardInterface& iface : fwd.interfaces) {
    w.Line("<interface" + AttrText("dev", iface.dev) + "/>");
  }
  for (const PciAddress& addr : fwd.addresses) w.Line(PciAddressLine(addr));
}

bool HasManagedBridge(ForwardMode mode) {
  return mode == ForwardMode::kNone || mode == ForwardMode::kNat || mode == ForwardMode::kRoute ||
         mode == ForwardMode::kOpen;
}

}  // namespace

void FormatForward(XmlWriter& w, const Forward& fwd, bool inactive) {
  if (fwd.mode == ForwardMode::kNone) return;
  const bool short_form = IsShortForward(fwd);
  w.Line(ForwardOpenTag(fwd) + (short_form ? "/>" : ">"));
  if (short_form) return;
  w.Indent();
  FormatForwardChildren(w, fwd, inactive);
  w.Dedent();
  w.Line("</forward>");
}

void FormatBridge(XmlWriter& w, const Network& net) {
  const bool managed = HasManagedBridge(net.Mode());
  const Bridge bridge = net.bridge.value_or(Bridge{});
  if (!managed && !bridge.name && !bridge.mac_table_manager) return;
  std::string line = "<bridge";
  if (bridge.name) line += AttrText("name", *bridge.name);
  if (bridge.zone) line += AttrText("zone", *bridge.zone);
  if (managed) {
    line += std::string(" stp='") + (bridge.stp.value_or(true) ? "on" : "off") + "' delay='" +
            std::to_string(bridge.delay.value_or(0)) + "'";
  }
  if (bridge.mac_table_manager) {
    line += std::string(" macTableManager='") +
            (*bridge.mac_table_manager == MacTableManager::kKernel ? "kernel" : "libvirt") + "'";
  }
  w.Line(line + "/>");
}

}  // namespace vnet::xml
