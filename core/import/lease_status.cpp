#include "core/import/lease_status.h"

#include <nlohmann/json.hpp>

namespace vnet::import {

namespace {

nlohmann::json Entry(const live::DnsmasqLease& l, const std::string& server_duid) {
  nlohmann::json j{{"ip-address", l.ip}};
  if (l.type == "ipv6") {
    j["iaid"] = l.iaid;
    if (!server_duid.empty()) j["server-duid"] = server_duid;
  } else {
    j["mac-address"] = l.mac;
  }
  if (!l.hostname.empty()) j["hostname"] = l.hostname;
  if (!l.client_id.empty()) j["client-id"] = l.client_id;
  j["expiry-time"] = l.expiry;
  return j;
}

}  // namespace

std::string LibvirtLeaseStatus(const live::DnsmasqLeaseFile& leases, int* count) {
  nlohmann::json out = nlohmann::json::array();
  for (const live::DnsmasqLease& l : leases.leases) {
    // IPv6 leases without the server's DUID cannot be served again.
    if (l.type == "ipv6" && leases.server_duid.empty()) continue;
    out.push_back(Entry(l, leases.server_duid));
  }
  if (count) *count = static_cast<int>(out.size());
  // As the helper writes it: indented with four spaces, a final newline.
  return out.dump(4) + "\n";
}

}  // namespace vnet::import
