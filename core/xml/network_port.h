// libvirt's network port XML (docs/formatnetworkport.rst, schema
// networkport.rng): what `port-dumpxml` prints and `port-create` reads.
// Only the parts vnetctl can map onto a host's bridge ports are kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/net/address.h"

namespace vnet::xml {

struct NetworkPortDoc {
  std::optional<Uuid> uuid;
  /// <owner>: libvirt's schema requires it (name and uuid).
  std::string owner_name;
  std::optional<Uuid> owner_uuid;
  std::optional<MacAddr> mac;
  /// <plug type=...>: "network", "bridge", "direct", "hostdev-pci", or empty
  /// when there is no <plug>.
  std::string plug_type;
  std::string plug_bridge;  // bridge='...' of a network or bridge plug
};

/// The document as libvirt's virNetworkPortDefFormat writes it (two-space
/// indentation, attributes in single quotes, ending with a newline).
std::string FormatNetworkPort(const NetworkPortDoc& port);

/// Parses a <networkport> document. Errors are libvirt's: a missing or
/// malformed <uuid>, <owner> or <mac address> is an XML error (exit 65).
Result<NetworkPortDoc> ParseNetworkPort(std::string_view text, const std::string& source);

}  // namespace vnet::xml
