#include "core/plan/firewalld.h"

namespace vnet::plan {

std::vector<std::string> FirewalldZonesAsked() { return {"libvirt", "libvirt-routed", "vnetctl"}; }
std::vector<std::string> FirewalldPoliciesAsked() { return {"libvirt-routed-out"}; }

std::string FirewalldZoneFile(const std::string& zone) {
  return "/etc/firewalld/zones/" + zone + ".xml";
}

bool FirewalldFileBinds(std::string_view content, const std::string& bridge) {
  return content.find("<interface name=\"" + bridge + "\"/>") != std::string_view::npos;
}

bool FirewalldRunning(const std::vector<live::FirewallChain>& chains) {
  for (const live::FirewallChain& c : chains) {
    if (c.family == "inet" && c.table == "firewalld") return true;
  }
  return false;
}

std::pair<std::string, bool> FirewalldZoneOf(const std::vector<live::FirewallChain>& chains,
                                             const std::string& bridge) {
  constexpr std::string_view kZoneChain = "filter_IN_";
  for (const live::FirewallChain& c : chains) {
    if (c.family != "inet" || c.table != "firewalld" || c.name != "filter_INPUT") continue;
    std::string fallback;
    for (const auto& [ifname, target] : c.dispatch) {
      if (!target.starts_with(kZoneChain)) continue;
      std::string zone = target.substr(kZoneChain.size());
      if (ifname == bridge) return {zone, true};
      if (ifname.empty() && fallback.empty()) fallback = zone;
    }
    return {fallback, false};
  }
  return {"", false};
}

Result<std::string> ChooseFirewalldZone(const Network& net, bool running,
                                        const FirewalldConfig& config) {
  const ForwardMode mode = net.Mode();
  // libvirt sets no zone (nor any rule) for open networks; bridge mode has no bridge of its own.
  if (!net.HasManagedBridge() || mode == ForwardMode::kOpen) return std::string();
  if (net.bridge && net.bridge->zone) {
    if (!running) {
      return MakeError(ErrorKind::kSystem, "internal error: zone " + *net.bridge->zone +
                                               " requested for network " + net.name +
                                               " but firewalld is not active");
    }
    return *net.bridge->zone;
  }
  if (!running) return std::string();
  if (mode == ForwardMode::kRoute && config.zones.contains("libvirt-routed") &&
      config.policies.contains("libvirt-routed-out")) {
    return std::string("libvirt-routed");
  }
  if (config.zones.contains("libvirt")) return std::string("libvirt");
  if (config.zones.contains("vnetctl")) return std::string("vnetctl");
  return MakeError(ErrorKind::kSystem,
                   "firewalld is running, but has neither libvirt's zone 'libvirt' nor vnetctl's "
                   "zone 'vnetctl' for network " +
                       net.name +
                       "'s bridge, and its default zone rejects the guests' traffic: install "
                       "vnetctl's package (its /usr/lib/firewalld/zones/vnetctl.xml) and run "
                       "firewall-cmd --reload, or name a zone in <bridge zone='...'/>");
}

}  // namespace vnet::plan
