#include "backends/networkd/support.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vnet {

namespace {

using Check = std::function<std::optional<Refusal>(const Network&, const NativeSupport&)>;

constexpr std::string_view kGuestPorts = "which vnetctl does not attach; remove the ";

Refusal Unsupported(std::string_view what, const NativeSupport& s, std::string_view why,
                    SourceLoc loc, Droppable element) {
  return Refusal{MakeError(ErrorKind::kUnsupported,
                           std::string(what) + " is not supported by the " +
                               std::string(s.backend) + " backend (" + std::string(why) + ")",
                           std::move(loc)),
                 element};
}

std::string_view ForwardModeWhy(const Network& net) {
  switch (net.Mode()) {
    case ForwardMode::kPrivate:
    case ForwardMode::kVepa:
    case ForwardMode::kPassthrough:
      return "it attaches guests through macvtap devices on a host interface, which vnetctl does "
             "not manage";
    case ForwardMode::kHostdev:
      return "it assigns SR-IOV PCI devices to guests, which vnetctl does not manage";
    case ForwardMode::kBridge:
      if (net.virtualport) {
        return "a bridge with <virtualport> (Open vSwitch, 802.1Qbg/Qbh) is configured per guest "
               "port, which vnetctl does not manage";
      }
      if (net.BridgeName().empty()) {
        return "without <bridge name='…'/> it attaches guests through macvtap devices on a host "
               "interface, which vnetctl does not manage";
      }
      return {};
    default:
      return {};
  }
}

std::optional<Refusal> CheckForwardMode(const Network& net, const NativeSupport& s) {
  std::string_view why = ForwardModeWhy(net);
  if (why.empty()) return std::nullopt;
  return Refusal{MakeError(ErrorKind::kUnsupported,
                           "forward mode='" + std::string(ForwardModeName(net.Mode())) +
                               "' is not supported by the " + std::string(s.backend) +
                               " backend: " + std::string(why),
                           net.forward->loc)};
}

std::optional<Refusal> CheckTrustGuestRxFilters(const Network& net, const NativeSupport& s) {
  if (!net.trust_guest_rx_filters.value_or(false)) return std::nullopt;
  return Unsupported(
      "trustGuestRxFilters='yes'", s,
      std::string("it applies to guest interfaces, ") + std::string(kGuestPorts) + "attribute",
      net.ChildLoc("@trustGuestRxFilters"), Droppable::kTrustGuestRxFilters);
}

std::optional<Refusal> CheckMacTableManager(const Network& net, const NativeSupport& s) {
  if (!net.bridge || net.bridge->mac_table_manager != MacTableManager::kLibvirt) {
    return std::nullopt;
  }
  if (UsesHostBridge(net)) {
    return Unsupported("<bridge macTableManager='libvirt'>", s,
                       std::string("on a host bridge it manages the forwarding entries of guest "
                                   "ports, ") +
                           std::string(kGuestPorts) + "attribute",
                       net.bridge->loc, Droppable::kMacTableManager);
  }
  if (s.vlan_filtering) return std::nullopt;
  return Unsupported("<bridge macTableManager='libvirt'>", s, s.no_vlan_filtering_why,
                     net.bridge->loc, Droppable::kMacTableManager);
}

std::optional<Refusal> CheckHostBridgeMtu(const Network& net, const NativeSupport& s) {
  if (!net.mtu || !UsesHostBridge(net)) return std::nullopt;
  return Unsupported("<mtu> with forward mode='bridge'", s,
                     "it sets the MTU of guest ports, which vnetctl does not attach; set the MTU "
                     "on the host bridge itself and remove the element",
                     net.ChildLoc("mtu"), Droppable::kMtu);
}

std::optional<Refusal> CheckBandwidth(const Network& net, const NativeSupport& s) {
  if (!net.bandwidth) return std::nullopt;
  return Unsupported("<bandwidth>", s,
                     "vnetctl does not implement tc traffic shaping; remove the element",
                     net.bandwidth->loc, Droppable::kBandwidth);
}

std::optional<Refusal> CheckVlan(const Network& net, const NativeSupport& s) {
  if (!net.vlan) return std::nullopt;
  return Unsupported(
      "<vlan>", s,
      std::string("VLAN tags apply to guest ports, ") + std::string(kGuestPorts) + "element",
      net.vlan->loc, Droppable::kVlan);
}

std::optional<Refusal> CheckPortIsolated(const Network& net, const NativeSupport& s) {
  if (!net.port_isolated.value_or(false)) return std::nullopt;
  return Unsupported(
      "<port isolated='yes'>", s,
      std::string("port isolation applies to guest ports, ") + std::string(kGuestPorts) + "element",
      net.ChildLoc("port"), Droppable::kPortIsolated);
}

std::optional<Refusal> CheckVirtualPort(const Network& net, const NativeSupport& s) {
  if (!net.virtualport) return std::nullopt;
  return Unsupported(
      "<virtualport>", s,
      std::string("port profiles apply to guest ports, ") + std::string(kGuestPorts) + "element",
      net.virtualport->loc, Droppable::kVirtualport);
}

std::optional<Refusal> CheckPortgroups(const Network& net, const NativeSupport& s) {
  if (net.portgroups.empty()) return std::nullopt;
  return Unsupported(
      "<portgroup>", s,
      std::string("portgroups configure guest ports, ") + std::string(kGuestPorts) + "element",
      net.portgroups.front().loc, Droppable::kPortgroups);
}

// In document order, so the first error is the first offending element.
const std::vector<Check>& Checks() {
  static const std::vector<Check> checks = {
      CheckForwardMode,   CheckTrustGuestRxFilters, CheckMacTableManager,
      CheckHostBridgeMtu, CheckBandwidth,           CheckVlan,
      CheckPortIsolated,  CheckVirtualPort,         CheckPortgroups,
  };
  return checks;
}

bool IsBadNameChar(char c) {
  auto u = static_cast<unsigned char>(c);
  return u <= 0x20 || u >= 0x7f || c == '/';
}

// Globs and '!' would make [Match] Name= match other interfaces; systemd
// unquotes list values.
bool IsBadIfnameChar(char c) {
  return IsBadNameChar(c) || std::string_view(":%*?[]!\"'\\").find(c) != std::string_view::npos;
}

bool IsBadName(const std::string& name, bool (*bad)(char)) {
  if (name.empty() || name == "." || name == "..") return true;
  for (char c : name) {
    if (bad(c)) return true;
  }
  return false;
}

constexpr size_t kMaxIfnameLen = 15;  // IFNAMSIZ - 1

}  // namespace

Result<std::string> CidrText(const IpAddr& addr, int prefix, const SourceLoc& loc) {
  if (prefix < 0 || prefix > addr.Bits()) {
    return MakeError(ErrorKind::kInvalidInput,
                     "invalid netmask or prefix for address " + addr.ToString(), loc);
  }
  return addr.ToString() + "/" + std::to_string(prefix);
}

uint32_t LibvirtRouteMetric(const Route& route) {
  return route.metric && *route.metric > 0 ? *route.metric : 1;
}

bool HasIpv6(const Network& net) {
  for (const Ip& ip : net.ips) {
    if (ip.IsIpv6()) return true;
  }
  return false;
}

bool UsesHostBridge(const Network& net) {
  return net.Mode() == ForwardMode::kBridge && !net.BridgeName().empty() && !net.virtualport;
}

std::vector<Refusal> NativeSupportRefusals(const Network& net, const NativeSupport& support) {
  std::vector<Refusal> refusals;
  for (const Check& check : Checks()) {
    if (auto refusal = check(net, support)) refusals.push_back(std::move(*refusal));
  }
  return refusals;
}

Status CheckNativeSupport(const Network& net, const NativeSupport& support) {
  std::vector<Refusal> refusals = NativeSupportRefusals(net, support);
  if (!refusals.empty()) return refusals.front().error;
  return OkStatus();
}

Status CheckNativeNames(const Network& net) {
  if (IsBadName(net.name, IsBadNameChar)) {
    return MakeError(ErrorKind::kInvalidInput,
                     "the network name cannot be used in a file name (it is empty, '.' or '..', "
                     "or contains '/', whitespace, a control or a non-ASCII character)",
                     net.ChildLoc("name"));
  }
  const std::string& bridge = net.BridgeName();
  if (IsBadName(bridge, IsBadIfnameChar) || bridge.size() > kMaxIfnameLen) {
    return MakeError(ErrorKind::kInvalidInput,
                     "network '" + net.name +
                         "': <bridge name> must be a Linux interface name of 1 to 15 characters "
                         "without '/', ':', '%', quotes, backslashes, glob characters (*?[]!), "
                         "whitespace, control or non-ASCII characters "
                         "(define the network first to resolve a virbr%d template)",
                     net.bridge ? net.bridge->loc : net.ChildLoc("bridge"));
  }
  return OkStatus();
}

}  // namespace vnet
