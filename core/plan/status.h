// A started network's record, /run/vnetctl/networks/NAME.json: which backend
// realized it, where, the files written, and what was verified. `destroy`
// and `diff` trust it for what vnetctl owns; the nftables listing taken right
// after a verified start is what later diffs compare the live table with (nft
// prints rules in its own canonical form, so vnetctl never re-implements it).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "backends/backend.h"
#include "core/error.h"

namespace vnet::plan {

struct NetworkStatus {
  std::string name;
  std::string uuid;
  std::string backend;
  Placement placement = Placement::kRuntime;
  std::string bridge;
  std::vector<std::string> files;  // absolute target paths vnetctl wrote
  /// What each of `files` is, as its renderer said (a path missing here, as in
  /// records of versions before roles were kept, is kNative).
  std::map<std::string, FileRole> roles;
  /// Where the manager may have saved a copy of the native file
  /// (Rendering::manager_copies): destroy removes it too.
  std::vector<std::string> manager_copies;
  std::string nft_table;    // in family inet; empty if none
  std::string nft_listing;  // `nft list table` right after the verified start
  bool dnsmasq = false;
  /// The passages through iptables' built-in chains found after the start,
  /// by their chain ("ip filter FORWARD"): destroy removes them.
  std::vector<std::string> passages;
  /// The firewalld zone vnetctl bound the bridge to (and whether in
  /// firewalld's permanent configuration too): destroy unbinds it.
  std::string firewalld_zone;
  bool firewalld_permanent = false;
  /// Sysctl values before the first start wrote them (restored by a rollback).
  std::map<std::string, std::string> sysctls_before;
  std::vector<std::string> verified;  // what the last start/apply checked on the host

  FileRole RoleOf(const std::string& path) const;
};

std::string StatusToJson(const NetworkStatus& s);
/// kInvalidInput for a document that is not a status record.
Result<NetworkStatus> StatusFromJson(std::string_view text, const std::string& where);

std::string_view PlacementName(Placement p);  // "runtime" / "persistent"

}  // namespace vnet::plan
