#include "core/import/carry.h"

#include <functional>

#include "core/live/leases.h"

namespace vnet::import {

namespace {

bool Under(const std::string& path, const SourceLoc& element) {
  return !element.path.empty() && path.starts_with(element.path);
}

/// Removes from `net` the element `e` refused, if it is one whose absence
/// leaves the bridge, its addresses, DHCP, DNS and forwarding as they were.
bool Drop(Network& net, const Error& e) {
  const std::string& path = e.where.path;
  if (net.bandwidth && Under(path, net.bandwidth->loc)) {
    net.bandwidth.reset();
  } else if (net.vlan && Under(path, net.vlan->loc)) {
    net.vlan.reset();
  } else if (net.virtualport && net.Mode() != ForwardMode::kBridge &&
             Under(path, net.virtualport->loc)) {
    net.virtualport.reset();
  } else if (!net.portgroups.empty() && path.find("/portgroup") != std::string::npos) {
    net.portgroups.clear();
  } else if (path.ends_with("@trustGuestRxFilters")) {
    net.trust_guest_rx_filters.reset();
  } else if (net.port_isolated && (path.ends_with("/port") || path.ends_with("/port/@isolated"))) {
    net.port_isolated.reset();
  } else if (net.mtu && path.ends_with("/mtu")) {
    net.mtu.reset();
  } else if (net.bridge && net.bridge->zone && e.message.find("zone=") != std::string::npos) {
    net.bridge->zone.reset();
  } else if (net.bridge && net.bridge->mac_table_manager &&
             e.message.find("macTableManager") != std::string::npos) {
    net.bridge->mac_table_manager.reset();
  } else {
    return false;
  }
  return true;
}

// Each round drops one element; a network has far fewer droppable ones.
constexpr int kMaxRounds = 32;

}  // namespace

Result<CarryReport> CheckCarry(const Network& net, const Backend& backend, const Caps& caps) {
  CarryReport report;
  report.carried = net;
  for (int round = 0; round < kMaxRounds; round++) {
    Result<Rendering> r = backend.Render(report.carried, caps);
    if (r.ok()) {
      report.notes = r->warnings;
      return report;
    }
    if (r.error().kind != ErrorKind::kUnsupported) return r.error();
    report.uncarried.push_back({r.error().where.path, r.error().message});
    if (!Drop(report.carried, r.error())) break;
  }
  report.startable = false;
  report.carried = net;  // nothing is dropped from a network that cannot start anyway
  return report;
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
