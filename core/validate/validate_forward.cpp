// <forward>: <nat>, the device pool, and what each forward mode requires
// (virNetworkForwardNatDefParseXML, virNetworkForwardDefParseXML, the mode
// switch of virNetworkDefParseXML, and the pool checks of networkValidate).
#include <cstdio>

#include "core/validate/rules.h"

namespace vnet::validate {

namespace {

void CheckNatAddress(Errors& errs, const Network& net, const NatAddressRange& addr) {
  const char* const bad = "Bad ipv4 %s address '%s' in <nat> in <forward> in network '%s'";
  if (addr.start.family != Family::kIpv4) {
    Report(errs, Code::kXmlError, Subst(bad, {"start", addr.start.ToString(), net.name}), addr.loc,
           "start");
    return;
  }
  if (!addr.end) {
    Report(errs, Code::kXmlError,
           Subst("missing 'end' attribute in <address> element in <nat> in <forward> in network %s",
                 {net.name}),
           addr.loc, "end");
    return;
  }
  if (addr.end->family != Family::kIpv4) {
    Report(errs, Code::kXmlError, Subst(bad, {"end", addr.end->ToString(), net.name}), addr.loc,
           "end");
    return;
  }
  CheckRange(errs, addr.start, *addr.end, nullptr, 0, addr.loc);
}

void CheckNatPort(Errors& errs, const Network& net, const NatPortRange& port) {
  const char* const tmpl =
      "Missing or invalid '%s' attribute in <port> in <nat> in <forward> in network %s";
  if (port.start > 65535) {
    Report(errs, Code::kXmlDetail, Subst(tmpl, {"start", net.name}), port.loc, "start");
  } else if (port.end > 65535 || port.end < port.start) {
    Report(errs, Code::kXmlDetail, Subst(tmpl, {"end", net.name}), port.loc, "end");
  }
}

void CheckNat(Errors& errs, const Network& net, const ForwardNat& nat) {
  if (net.Mode() != ForwardMode::kNat) {
    Report(errs, Code::kXmlError,
           Subst("The <nat> element can only be used when <forward> 'mode' is 'nat' in network %s",
                 {net.name}),
           nat.loc);
    return;
  }
  if (nat.address) CheckNatAddress(errs, net, *nat.address);
  if (nat.port) CheckNatPort(errs, net, *nat.port);
}

std::string PciText(const PciAddress& a) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04x:%02x:%02x.%x", a.domain, a.bus, a.slot, a.function);
  return buf;
}

void CheckPoolDuplicates(Errors& errs, const Network& net, const Forward& fwd) {
  for (size_t i = 0; i < fwd.interfaces.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (fwd.interfaces[j].dev != fwd.interfaces[i].dev) continue;
      Report(errs, Code::kXmlError,
             Subst("interface '%s' can only be listed once in network %s",
                   {fwd.interfaces[i].dev, net.name}),
             fwd.interfaces[i].loc, "dev");
      return;
    }
  }
  for (size_t i = 0; i < fwd.addresses.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (!fwd.addresses[j].SameDevice(fwd.addresses[i])) continue;
      Report(errs, Code::kXmlError,
             Subst("PCI device '%s' can only be listed once in network %s",
                   {PciText(fwd.addresses[i]), net.name}),
             fwd.addresses[i].loc);
      return;
    }
  }
}

// The nat/route/open branch of virNetworkDefParseXML's mode switch.
void CheckRoutedMode(Errors& errs, const Network& net, const Forward& fwd) {
  if (net.ips.empty()) {
    Report(errs, Code::kXmlError,
           Subst("%s forwarding requested, but no IP address provided for network '%s'",
                 {ModeName(net), net.name}),
           fwd.loc);
    return;
  }
  size_t nifs = fwd.interfaces.size() + fwd.addresses.size();
  if (nifs > 1) {
    Report(errs, Code::kXmlError,
           Subst("multiple forwarding interfaces specified for network '%s', only one is "
                 "supported",
                 {net.name}),
           fwd.loc);
    return;
  }
  if (net.Mode() == ForwardMode::kOpen && nifs > 0) {
    Report(errs, Code::kXmlError,
           Subst("forward dev not allowed for network '%s' with forward mode='%s'",
                 {net.name, ModeName(net)}),
           fwd.loc, "dev");
  }
}

}  // namespace

void CheckForwardParse(Errors& errs, const Network& net) {
  if (!net.forward) return;
  const Forward& fwd = *net.forward;
  if (fwd.nat) CheckNat(errs, net, *fwd.nat);
  CheckPoolDuplicates(errs, net, fwd);
  ForwardMode mode = net.Mode();
  if (mode == ForwardMode::kNat || mode == ForwardMode::kRoute || mode == ForwardMode::kOpen) {
    CheckRoutedMode(errs, net, fwd);
  }
}

void CheckDriverForwardPool(Errors& errs, const Network& net) {
  if (!net.forward) return;
  const Forward& fwd = *net.forward;
  bool hostdev = net.Mode() == ForwardMode::kHostdev;
  if (hostdev && !fwd.interfaces.empty()) {
    Report(errs, Code::kConfigUnsupported,
           Subst("hostdev network '%s' lists '%s' in the device pool, but hostdev networks "
                 "require all devices to be listed by PCI address, not network device name",
                 {net.name, fwd.interfaces.front().dev}),
           fwd.interfaces.front().loc, "dev");
    return;
  }
  if (!hostdev && !fwd.addresses.empty()) {
    Report(errs, Code::kConfigUnsupported,
           Subst("network '%s' has forward mode '%s' but lists a device by PCI address in the "
                 "device pool. This is only supported for networks with forward mode 'hostdev'",
                 {net.name, ModeName(net)}),
           fwd.addresses.front().loc);
    return;
  }
  // libvirt's check that each address is an SR-IOV VF needs sysfs; it is
  // left to net-start.
  int kinds = (fwd.pf ? 1 : 0) + (fwd.interfaces.empty() ? 0 : 1) + (fwd.addresses.empty() ? 0 : 1);
  if (kinds > 1) {
    Report(errs, Code::kConfigUnsupported,
           Subst("<address>, <interface>, and <pf> elements of <forward> in network %s are "
                 "mutually exclusive",
                 {net.name}),
           fwd.loc);
  }
}

}  // namespace vnet::validate
