#include "backends/ifupdown/support.h"

#include <optional>
#include <string>
#include <vector>

namespace vnet::ifupdown {

namespace {

constexpr uint32_t kMaxStpForwardDelaySec = 30;  // BR_MAX_FORWARD_DELAY
constexpr const char* kNoGuests = ", and vnetctl attaches no guests)";

Refusal Unsupported(const std::string& what, const std::string& why, const SourceLoc& loc,
                    Droppable element = Droppable::kNo) {
  return Refusal{MakeError(ErrorKind::kUnsupported,
                           what + " is not supported by the ifupdown backend" + why, loc),
                 element};
}

SourceLoc WithPath(SourceLoc loc, const std::string& suffix) {
  loc.path += suffix;
  return loc;
}

std::optional<Refusal> CheckForwardMode(const Network& net) {
  if (!net.forward || net.HasManagedBridge()) return std::nullopt;
  const Forward& fwd = *net.forward;
  std::string what = "forward mode='" + std::string(ForwardModeName(fwd.mode)) + "'";
  if (fwd.mode != ForwardMode::kBridge) {
    return Unsupported(
        what, ": it gives guests macvtap or PCI devices, which vnetctl does not manage", fwd.loc);
  }
  if (net.BridgeName().empty()) {
    return Unsupported(what,
                       ": without <bridge name='…'/> it gives guests macvtap devices, which "
                       "vnetctl does not manage",
                       fwd.loc);
  }
  if (net.virtualport) {
    return Unsupported(
        what,
        ": a bridge with <virtualport> (Open vSwitch, 802.1Qbg/Qbh) is not managed by vnetctl",
        fwd.loc);
  }
  return std::nullopt;
}

void CheckBridge(const Network& net, std::vector<Refusal>& out) {
  if (!net.bridge) return;
  const Bridge& br = *net.bridge;
  bool stp = br.stp.value_or(true);
  if (stp && br.delay.value_or(0) > kMaxStpForwardDelaySec && net.HasManagedBridge()) {
    out.push_back(Unsupported("<bridge stp='on' delay='" + std::to_string(*br.delay) + "'/>",
                              ": bridge-utils sets the forward delay after enabling STP, when the "
                              "kernel refuses more than 30 s, so the bridge would silently keep "
                              "15 s; use delay='30' or less",
                              br.loc));
  }
  if (br.mac_table_manager == MacTableManager::kLibvirt && !net.HasManagedBridge()) {
    out.push_back(
        Unsupported("<bridge macTableManager='libvirt'>",
                    " on an existing bridge (vnetctl does not change bridges it does not create)",
                    br.loc, Droppable::kMacTableManager));
  }
}

void CheckGuestSettings(const Network& net, std::vector<Refusal>& out) {
  if (net.trust_guest_rx_filters.value_or(false)) {
    out.push_back(Unsupported(
        "trustGuestRxFilters='yes'", " (it applies to guest interfaces" + std::string(kNoGuests),
        WithPath(net.loc, "/@trustGuestRxFilters"), Droppable::kTrustGuestRxFilters));
  }
  if (net.vlan) {
    out.push_back(Unsupported("<vlan>", " (VLAN tags apply to guest ports" + std::string(kNoGuests),
                              net.vlan->loc, Droppable::kVlan));
  }
  if (net.bandwidth) {
    out.push_back(
        Unsupported("<bandwidth>",
                    " (traffic shaping with tc is not implemented by vnetctl; remove the element)",
                    net.bandwidth->loc, Droppable::kBandwidth));
  }
  if (net.port_isolated.value_or(false)) {
    out.push_back(Unsupported("<port isolated='yes'/>",
                              " (port isolation applies to guest ports" + std::string(kNoGuests),
                              WithPath(net.loc, "/port"), Droppable::kPortIsolated));
  }
  if (net.virtualport) {
    out.push_back(Unsupported("<virtualport>",
                              " (it configures guest ports" + std::string(kNoGuests),
                              net.virtualport->loc, Droppable::kVirtualport));
  }
  if (!net.portgroups.empty()) {
    const Portgroup& pg = net.portgroups.front();
    out.push_back(Unsupported("<portgroup name='" + pg.name + "'>",
                              " (portgroups configure guest ports" + std::string(kNoGuests), pg.loc,
                              Droppable::kPortgroups));
  }
}

}  // namespace

std::vector<Refusal> IfupdownRefusals(const Network& net) {
  std::vector<Refusal> out;
  if (std::optional<Refusal> mode = CheckForwardMode(net)) out.push_back(std::move(*mode));
  CheckBridge(net, out);
  CheckGuestSettings(net, out);
  return out;
}

Status CheckIfupdownSupport(const Network& net) {
  std::vector<Refusal> refusals = IfupdownRefusals(net);
  if (!refusals.empty()) return refusals.front().error;
  return OkStatus();
}

}  // namespace vnet::ifupdown
