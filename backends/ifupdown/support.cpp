#include "backends/ifupdown/support.h"

#include <optional>
#include <string>

namespace vnet::ifupdown {

namespace {

constexpr uint32_t kMaxStpForwardDelaySec = 30;  // BR_MAX_FORWARD_DELAY
constexpr const char* kNoGuests = ", and vnetctl attaches no guests)";

Error Unsupported(const std::string& what, const std::string& why, const SourceLoc& loc) {
  return MakeError(ErrorKind::kUnsupported,
                   what + " is not supported by the ifupdown backend" + why, loc);
}

SourceLoc WithPath(SourceLoc loc, const std::string& suffix) {
  loc.path += suffix;
  return loc;
}

std::optional<Error> CheckForwardMode(const Network& net) {
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

std::optional<Error> CheckBridge(const Network& net) {
  if (!net.bridge) return std::nullopt;
  const Bridge& br = *net.bridge;
  if (br.zone) {
    return Unsupported("<bridge zone='" + *br.zone + "'>",
                       " (vnetctl does not manage firewalld zones; remove the zone attribute)",
                       br.loc);
  }
  bool stp = br.stp.value_or(true);
  if (stp && br.delay.value_or(0) > kMaxStpForwardDelaySec && net.HasManagedBridge()) {
    return Unsupported("<bridge stp='on' delay='" + std::to_string(*br.delay) + "'/>",
                       ": bridge-utils sets the forward delay after enabling STP, when the kernel "
                       "refuses more than 30 s, so the bridge would silently keep 15 s; use "
                       "delay='30' or less",
                       br.loc);
  }
  if (br.mac_table_manager == MacTableManager::kLibvirt && !net.HasManagedBridge()) {
    return Unsupported(
        "<bridge macTableManager='libvirt'>",
        " on an existing bridge (vnetctl does not change bridges it does not create)", br.loc);
  }
  return std::nullopt;
}

std::optional<Error> CheckGuestSettings(const Network& net) {
  if (net.trust_guest_rx_filters.value_or(false)) {
    return Unsupported("trustGuestRxFilters='yes'",
                       " (it applies to guest interfaces" + std::string(kNoGuests),
                       WithPath(net.loc, "/@trustGuestRxFilters"));
  }
  if (net.vlan) {
    return Unsupported("<vlan>", " (VLAN tags apply to guest ports" + std::string(kNoGuests),
                       net.vlan->loc);
  }
  if (net.bandwidth) {
    return Unsupported(
        "<bandwidth>",
        " (traffic shaping with tc is not implemented by vnetctl; remove the element)",
        net.bandwidth->loc);
  }
  if (net.port_isolated.value_or(false)) {
    return Unsupported("<port isolated='yes'/>",
                       " (port isolation applies to guest ports" + std::string(kNoGuests),
                       WithPath(net.loc, "/port"));
  }
  if (net.virtualport) {
    return Unsupported("<virtualport>", " (it configures guest ports" + std::string(kNoGuests),
                       net.virtualport->loc);
  }
  if (!net.portgroups.empty()) {
    const Portgroup& pg = net.portgroups.front();
    return Unsupported("<portgroup name='" + pg.name + "'>",
                       " (portgroups configure guest ports" + std::string(kNoGuests), pg.loc);
  }
  return std::nullopt;
}

using Check = std::optional<Error> (*)(const Network&);
constexpr Check kChecks[] = {CheckForwardMode, CheckBridge, CheckGuestSettings};

}  // namespace

Status CheckIfupdownSupport(const Network& net) {
  for (Check check : kChecks) {
    if (std::optional<Error> err = check(net)) return *err;
  }
  return OkStatus();
}

}  // namespace vnet::ifupdown
