// Which systemd release introduced each key vnetctl writes, so that a file
// never carries a key the host's systemd-networkd does not know (it would log
// "Unknown key" and ignore it, silently changing the network).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "backends/networkd/ini.h"
#include "backends/version.h"
#include "core/error.h"

namespace vnet {

/// Why a key is written: the XML construct it realizes and where it was read.
/// `element` is empty for keys vnetctl adds on its own (carrier handling,
/// wait-online), which are simply left out on a systemd that lacks them.
struct KeyOrigin {
  std::string element;  // e.g. "<bridge stp='on'>"
  SourceLoc loc;
};

/// The systemd version that introduced [section] key= (from the version-info
/// of systemd's man/systemd.{netdev,network}.xml), or nullopt if vnetctl has no
/// record of the key.
std::optional<int> NetworkdKeySince(std::string_view file_kind, std::string_view section,
                                    std::string_view key);

/// Adds key=value to `section` of a `file_kind` ("netdev" or "network") file
/// when the systemd in `manager` (nullopt: assume current) knows the key.
/// If it does not: an optional key (empty origin.element) is skipped; a key
/// that realizes an XML element is Error{kUnsupported} at origin.loc.
Status PutNetworkdKey(std::string_view file_kind, IniSection& section, std::string_view key,
                      std::string value, const KeyOrigin& origin,
                      const std::optional<Version>& manager);

}  // namespace vnet
