#include "core/apply/host_checks.h"

#include <algorithm>

namespace vnet::apply {

namespace {

Error Internal(std::string msg) {
  return MakeError(ErrorKind::kOperationInvalid, "internal error: " + std::move(msg));
}

// libvirt compares routes with the same network and netmask (IPv4 only).
Status CheckSubnets(const Network& net, const live::HostState& kernel) {
  const std::string& br = net.BridgeName();
  for (const Ip& ip : net.ips) {
    if (!ip.IsIpv4()) continue;
    unsigned prefix = static_cast<unsigned>(ip.EffectivePrefix());
    IpAddr subnet = NetworkAddress(ip.address, ip.EffectivePrefix());
    for (const live::Route& r : kernel.routes) {
      if (r.dest == subnet && r.prefix == prefix && !r.gateway && r.dev != br) {
        return Internal("Network is already in use by interface " + r.dev);
      }
    }
  }
  for (const Route& route : net.routes) {
    IpAddr dest = NetworkAddress(route.address, route.EffectivePrefix());
    for (const live::Route& r : kernel.routes) {
      if (r.dest == dest && r.prefix == static_cast<unsigned>(route.EffectivePrefix()) &&
          r.dev != br) {
        return Internal("Route address '" + dest.ToString() + "' conflicts with IP address for '" +
                        r.dev + "'");
      }
    }
  }
  return OkStatus();
}

Status CheckOthers(const Network& net, const std::vector<Network>& others) {
  for (const Network& o : others) {
    if (o.name == net.name) continue;
    if (!net.BridgeName().empty() && o.BridgeName() == net.BridgeName()) {
      return Internal("bridge name '" + net.BridgeName() + "' already in use.");
    }
    for (const Ip& a : net.ips) {
      for (const Ip& b : o.ips) {
        if (a.address.family != b.address.family) continue;
        int p = std::min(a.EffectivePrefix(), b.EffectivePrefix());
        if (NetworkAddress(a.address, p) == NetworkAddress(b.address, p)) {
          return Internal("Network is already in use by interface " + o.BridgeName());
        }
      }
    }
  }
  return OkStatus();
}

}  // namespace

Status CheckHost(const Network& net, const live::HostState& kernel,
                 const std::vector<Network>& others, bool bridge_is_ours) {
  VNET_TRY(CheckOthers(net, others));
  VNET_TRY(CheckSubnets(net, kernel));
  const std::string& br = net.BridgeName();
  if (net.HasManagedBridge() && !bridge_is_ours && kernel.FindLink(br)) {
    return Internal("bridge name '" + br +
                    "' is used by a device on this host that vnetctl does not own");
  }
  if (net.HasManagedBridge() && net.forward && !net.forward->Dev().empty() &&
      !kernel.FindLink(net.forward->Dev())) {
    return MakeError(ErrorKind::kOperationInvalid,
                     "Cannot get interface MTU on '" + net.forward->Dev() + "': No such device");
  }
  return OkStatus();
}

}  // namespace vnet::apply
