#include "core/import/carry.h"

#include <optional>
#include <set>
#include <utility>

#include "core/live/leases.h"

namespace vnet::import {

namespace {

/// Removes from `net` the element a refusal named as droppable. False when
/// the network has no such element left (nothing to drop).
bool Drop(Network& net, Droppable element) {
  switch (element) {
    case Droppable::kNo:
      return false;
    case Droppable::kBandwidth:
      return std::exchange(net.bandwidth, std::nullopt).has_value();
    case Droppable::kVlan:
      return std::exchange(net.vlan, std::nullopt).has_value();
    case Droppable::kVirtualport:
      // With forward mode='bridge' the port profile is what the bridge is.
      if (net.Mode() == ForwardMode::kBridge) return false;
      return std::exchange(net.virtualport, std::nullopt).has_value();
    case Droppable::kPortgroups:
      return !std::exchange(net.portgroups, {}).empty();
    case Droppable::kTrustGuestRxFilters:
      return std::exchange(net.trust_guest_rx_filters, std::nullopt).has_value();
    case Droppable::kPortIsolated:
      return std::exchange(net.port_isolated, std::nullopt).has_value();
    case Droppable::kMtu:
      return std::exchange(net.mtu, std::nullopt).has_value();
    case Droppable::kZone:
      return net.bridge && std::exchange(net.bridge->zone, std::nullopt).has_value();
    case Droppable::kMacTableManager:
      return net.bridge && std::exchange(net.bridge->mac_table_manager, std::nullopt).has_value();
  }
  return false;
}

CarryReport Unstartable(CarryReport report, const Network& net) {
  report.startable = false;
  report.carried = net;  // nothing is dropped from a network that cannot start anyway
  return report;
}

}  // namespace

Result<CarryReport> CheckCarry(const Network& net, const Backend& backend, const Caps& caps) {
  CarryReport report;
  report.carried = net;
  std::set<Droppable> dropped;
  for (const Refusal& r : backend.Refusals(net)) {
    if (r.error.kind != ErrorKind::kUnsupported) return r.error;
    if (dropped.contains(r.element)) continue;  // e.g. a second <portgroup>: all are left out
    report.uncarried.push_back({r.error.where.path, r.error.message});
    if (!Drop(report.carried, r.element)) return Unstartable(std::move(report), net);
    dropped.insert(r.element);
  }
  // What only rendering finds (a manager too old for a key, dnsmasq's limits)
  // cannot be left out.
  Result<Rendering> rendering = backend.Render(report.carried, caps);
  if (rendering.ok()) {
    report.notes = rendering->warnings;
    return report;
  }
  if (rendering.error().kind != ErrorKind::kUnsupported) return rendering.error();
  report.uncarried.push_back({rendering.error().where.path, rendering.error().message});
  return Unstartable(std::move(report), net);
}

std::string DnsmasqLeasesFrom(const std::vector<SourceLease>& leases) {
  live::DnsmasqLeaseFile file;
  for (const SourceLease& l : leases) {
    if (l.ipv6) continue;
    live::DnsmasqLease d;
    d.expiry = l.expiry;
    d.type = "ipv4";
    d.mac = l.mac;
    d.ip = l.ip;
    d.hostname = l.hostname;
    d.client_id = l.client_id;
    file.leases.push_back(std::move(d));
  }
  return live::FormatDnsmasqLeases(file);
}

}  // namespace vnet::import
