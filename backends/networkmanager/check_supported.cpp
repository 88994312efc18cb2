// What the networkmanager backend refuses, and why. Elements that vnetctl's
// companions realize (dhcp, dns, domain, tftp, bootp, nat, forward dev,
// dnsmasq:options) are not checked here.
#include <optional>
#include <string>
#include <vector>

#include "backends/networkmanager/render_internal.h"

namespace vnet::nm {

namespace {

const char kNoGuests[] = "vnetctl attaches no guests";

Error Unsupported(const std::string& what, const std::string& why, const SourceLoc& loc) {
  return MakeError(
      ErrorKind::kUnsupported,
      what + " is not supported by the " + std::string(kBackendName) + " backend" + why, loc);
}

SourceLoc At(const SourceLoc& base, std::string path) {
  return SourceLoc{base.file, base.line, std::move(path)};
}

// Why `mode` gets no bridge from this backend, or nullopt for a supported mode.
std::optional<std::string> ModeProblem(const Network& net) {
  switch (net.Mode()) {
    case ForwardMode::kNone:
    case ForwardMode::kNat:
    case ForwardMode::kRoute:
    case ForwardMode::kOpen:
      return std::nullopt;
    case ForwardMode::kBridge:
      if (net.virtualport) {
        return "<virtualport> makes it an Open vSwitch or 802.1Qbx port, which guests join "
               "through libvirt, not through a NetworkManager profile";
      }
      if (net.BridgeName().empty()) {
        return "without <bridge name='…'/> it means macvtap attachment of guests to a host "
               "interface, and " +
               std::string(kNoGuests);
      }
      return std::nullopt;
    case ForwardMode::kPrivate:
    case ForwardMode::kVepa:
    case ForwardMode::kPassthrough:
      return "it attaches guests to a host interface through macvtap, and " +
             std::string(kNoGuests);
    case ForwardMode::kHostdev:
      return "it passes host PCI devices through to guests, and " + std::string(kNoGuests);
  }
  return "unknown forward mode";
}

std::vector<Refusal> ForwardModeRefusal(const Network& net) {
  auto problem = ModeProblem(net);
  if (!problem) return {};
  return {Refusal{MakeError(ErrorKind::kUnsupported,
                            "forward mode='" + std::string(ForwardModeName(net.Mode())) +
                                "' is not supported by the " + std::string(kBackendName) +
                                " backend: " + *problem,
                            net.forward ? net.forward->loc : net.loc)}};
}

// Settings for guest interfaces, which only libvirt's guest attachment applies.
std::vector<Refusal> GuestSettings(const Network& net) {
  std::vector<Refusal> out;
  const std::string no_guests =
      " (it applies to guest interfaces, and " + std::string(kNoGuests) + "; remove it)";
  if (net.trust_guest_rx_filters.value_or(false)) {
    out.push_back({Unsupported("trustGuestRxFilters='yes'", no_guests,
                               At(net.loc, "/network/@trustGuestRxFilters")),
                   Droppable::kTrustGuestRxFilters});
  }
  if (net.vlan) out.push_back({Unsupported("<vlan>", no_guests, net.vlan->loc), Droppable::kVlan});
  if (net.virtualport) {
    out.push_back(
        {Unsupported("<virtualport>", no_guests, net.virtualport->loc), Droppable::kVirtualport});
  }
  if (net.port_isolated.value_or(false)) {
    out.push_back(
        {Unsupported("<port isolated='yes'/>", no_guests, At(net.loc, "/network/port/@isolated")),
         Droppable::kPortIsolated});
  }
  for (const Portgroup& pg : net.portgroups) {
    out.push_back({Unsupported("<portgroup>", no_guests, pg.loc), Droppable::kPortgroups});
  }
  return out;
}

std::vector<Refusal> HostSettings(const Network& net) {
  std::vector<Refusal> out;
  if (net.bandwidth) {
    out.push_back(
        {Unsupported("<bandwidth>", " (vnetctl does not implement tc traffic shaping; remove it)",
                     net.bandwidth->loc),
         Droppable::kBandwidth});
  }
  bool libvirt_mac_table = net.bridge && net.bridge->mac_table_manager == MacTableManager::kLibvirt;
  if (net.Mode() == ForwardMode::kBridge && libvirt_mac_table) {
    out.push_back({Unsupported("<bridge macTableManager='libvirt'/> with forward mode='bridge'",
                               " (vnetctl does not change a host bridge it does not own; enable "
                               "vlan_filtering on " +
                                   net.BridgeName() + " yourself)",
                               net.bridge->loc),
                   Droppable::kMacTableManager});
  }
  return out;
}

}  // namespace

std::vector<Refusal> SupportRefusals(const Network& net) {
  std::vector<Refusal> out;
  for (auto check : {ForwardModeRefusal, HostSettings, GuestSettings}) {
    for (Refusal& r : check(net)) out.push_back(std::move(r));
  }
  return out;
}

Status CheckSupported(const Network& net) {
  std::vector<Refusal> refusals = SupportRefusals(net);
  if (!refusals.empty()) return refusals.front().error;
  return OkStatus();
}

Status RequireVersion(const Caps& caps, Version since, std::string_view property,
                      std::string_view element, const SourceLoc& loc) {
  if (!caps.manager || *caps.manager >= since) return OkStatus();
  return Unsupported(std::string(element),
                     " on NetworkManager " + caps.manager->ToString() + " (it needs " +
                         std::string(property) + ", new in NetworkManager " + since.ToString() +
                         ")",
                     loc);
}

}  // namespace vnet::nm
