// One nftables table as `nft list table` prints it, through libnftables (no
// `nft` process), in the calling thread's network namespace. Internal to
// core/live: callers use HostReader::NftTable.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace vnet::live {

/// Whether `family` is one vnetctl lists (inet, ip, ip6) and `name` is made of
/// [A-Za-z0-9_./-] only: both are spliced into an nft command line.
bool ValidNftTableRef(std::string_view family, std::string_view name);

/// The table's canonical text, or nullopt when it does not exist.
Result<std::optional<std::string>> ListNftTable(const std::string& family, const std::string& name);

}  // namespace vnet::live
