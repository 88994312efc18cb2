// The kernel part of PlanStart: bridge, its attributes, addresses, routes.
#include <algorithm>

#include "core/plan/plan_internal.h"

namespace vnet::plan {

namespace {

std::string AddrName(const live::Address& a, const std::string& br) {
  return a.ip.ToString() + "/" + std::to_string(a.prefix) + " on " + br;
}

std::string RouteName(const live::Route& r) {
  std::string s = r.dest.ToString() + "/" + std::to_string(r.prefix);
  if (r.gateway) s += " via " + r.gateway->ToString();
  return s + " dev " + r.dev;
}

void PlanLinkAttributes(const Desired& want, const live::Link& link, StepSink& out) {
  auto modify = [&](std::string why, bool disruptive) {
    out.Add(Action::kModify, Object::kLink, want.bridge, std::move(why), disruptive);
  };
  if (link.kind != "bridge") {
    modify("is a " + (link.kind.empty() ? std::string("device") : link.kind) + ", not a bridge",
           true);
    return;
  }
  if (!link.admin_up) modify("is down", false);
  if (want.mtu && link.mtu != *want.mtu) {
    modify("MTU " + std::to_string(link.mtu) + ", wants " + std::to_string(*want.mtu), false);
  }
  if (want.mac && link.mac && !(*link.mac == *want.mac)) {
    modify("MAC " + link.mac->ToString() + ", wants " + want.mac->ToString(), true);
  }
  if (link.stp && *link.stp != want.stp) {
    modify(
        std::string("STP ") + (*link.stp ? "on" : "off") + ", wants " + (want.stp ? "on" : "off"),
        false);
  }
  if (want.forward_delay_cs && link.forward_delay_cs &&
      *link.forward_delay_cs != *want.forward_delay_cs) {
    modify("forward delay " + std::to_string(*link.forward_delay_cs / 100) + " s, wants " +
               std::to_string(*want.forward_delay_cs / 100) + " s",
           false);
  }
}

bool IsLinkLocal(const live::Address& a) {
  return a.ip.family == Family::kIpv6 && a.ip.ToString().starts_with("fe80:");
}

void PlanAddresses(const Desired& want, const live::Link& link, StepSink& out) {
  for (const live::Address& a : want.addresses) {
    if (std::find(link.addresses.begin(), link.addresses.end(), a) == link.addresses.end()) {
      out.Add(Action::kCreate, Object::kAddress, AddrName(a, want.bridge), "missing", false);
    }
  }
  for (const live::Address& a : link.addresses) {
    if (IsLinkLocal(a)) continue;
    if (std::find(want.addresses.begin(), want.addresses.end(), a) == want.addresses.end()) {
      out.Add(Action::kDelete, Object::kAddress, AddrName(a, want.bridge),
              "not in the network's definition", true);
    }
  }
}

bool SameRoute(const live::Route& have, const DesiredRoute& want) {
  return have.dest == want.route.dest && have.prefix == want.route.prefix &&
         have.dev == want.route.dev && have.gateway == want.route.gateway &&
         (!want.check_metric || have.metric == want.route.metric);
}

void PlanRoutes(const Desired& want, const live::HostState& kernel, StepSink& out) {
  for (const DesiredRoute& r : want.routes) {
    bool found = std::any_of(kernel.routes.begin(), kernel.routes.end(),
                             [&](const live::Route& h) { return SameRoute(h, r); });
    if (!found) out.Add(Action::kCreate, Object::kRoute, RouteName(r.route), "missing", false);
  }
}

}  // namespace

void PlanKernel(const Desired& want, const live::HostState& kernel, StepSink& out) {
  if (want.bridge.empty()) return;
  const live::Link* link = kernel.FindLink(want.bridge);
  if (!link) {
    out.Add(Action::kCreate, Object::kLink, want.bridge, "missing", false);
    for (const live::Address& a : want.addresses) {
      out.Add(Action::kCreate, Object::kAddress, AddrName(a, want.bridge), "missing", false);
    }
    for (const DesiredRoute& r : want.routes) {
      out.Add(Action::kCreate, Object::kRoute, RouteName(r.route), "missing", false);
    }
    return;
  }
  PlanLinkAttributes(want, *link, out);
  PlanAddresses(want, *link, out);
  PlanRoutes(want, kernel, out);
}

}  // namespace vnet::plan
