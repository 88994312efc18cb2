#include "core/plan/desired.h"

#include "backends/common/bridge_params.h"
#include "core/plan/companion.h"

namespace vnet::plan {

namespace {

void DesireKernel(const Network& net, Desired& d) {
  d.bridge = net.BridgeName();
  if (d.bridge.empty() || !net.HasManagedBridge()) {
    d.bridge.clear();
    return;
  }
  if (net.mtu) d.mtu = *net.mtu;
  d.mac = net.mac;
  BridgeParams bp = EffectiveBridgeParams(net);
  d.stp = bp.stp;
  if (bp.stp) d.forward_delay_cs = bp.forward_delay_sec * 100;
  for (const Ip& ip : net.ips) {
    d.addresses.push_back(live::Address{ip.address, static_cast<unsigned>(ip.EffectivePrefix())});
  }
  for (const Route& r : net.routes) {
    DesiredRoute dr;
    dr.route.prefix = static_cast<unsigned>(r.EffectivePrefix());
    dr.route.dest = NetworkAddress(r.address, r.EffectivePrefix());
    dr.route.gateway = r.gateway;
    dr.route.dev = d.bridge;
    if (r.metric) {
      dr.route.metric = *r.metric;
      dr.check_metric = true;
    }
    d.routes.push_back(dr);
  }
}

void DesireTraffic(const Network& net, Desired& d) {
  bool v4 = false, v6 = false;
  for (const Ip& ip : net.ips) (ip.IsIpv4() ? v4 : v6) = true;
  ForwardMode m = net.Mode();
  // libvirt forwards in both modes (a nat network routes its IPv6); 'open'
  // leaves the host's firewall to decide, as libvirt does.
  bool forwards = m == ForwardMode::kNat || m == ForwardMode::kRoute;
  d.forward_ipv4 = v4 && forwards;
  d.forward_ipv6 = v6 && forwards;
  bool own_firewall = forwards || m == ForwardMode::kNone;
  d.bridged_ipv4 = v4 && own_firewall;
  d.bridged_ipv6 = v6 && own_firewall;
  d.serve_ipv4 = v4 && d.dnsmasq;
  d.serve_ipv6 = v6 && d.dnsmasq;
}

}  // namespace

Result<Desired> Desire(const Network& net, const Backend& backend, const Caps& caps) {
  VNET_ASSIGN_OR_RETURN(Rendering r, backend.Render(net, caps));
  Desired d;
  d.network = net.name;
  d.backend = std::string(backend.Name());
  d.placement = caps.placement;
  d.warnings = std::move(r.warnings);
  d.manager_copies = std::move(r.manager_copies);
  for (RenderedFile& f : r.files) {
    d.files.push_back(DesiredFile{std::move(f)});
  }
  DesireKernel(net, d);
  for (const Companion* c : Companions()) c->Desire(net, backend, caps, d);
  // After dnsmasq's part: the traffic the host's firewall must let through
  // includes DHCP and DNS to it (the passages and firewalld plan with it).
  if (net.HasManagedBridge()) DesireTraffic(net, d);
  return d;
}

}  // namespace vnet::plan
