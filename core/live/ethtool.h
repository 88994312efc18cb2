// A link's offload settings through the ethtool ioctl (SIOCETHTOOL), for the
// calling thread's network namespace. Internal to core/live: callers use
// HostReader::TxChecksum.
#pragma once

#include <optional>
#include <string>

namespace vnet::live {

/// Whether the link leaves the checksums of what it transmits to offload
/// (ethtool's "tx-checksumming"); nullopt for a name that is not a valid
/// link name, a link that does not exist, or one that cannot say.
std::optional<bool> ReadTxChecksum(const std::string& ifname);

}  // namespace vnet::live
