// libvirt network XML -> model. Extraction only: every attribute is read into
// its typed field and malformed values (an address that does not parse, an
// unknown enum value, a number out of its type's range) are errors here;
// cross-field rules live in core/validate.
//
// Safety: libxml2 is driven with no DTD loading, no network, no entity
// expansion (a DOCTYPE is refused outright), and input above kMaxXmlBytes is
// refused before parsing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/model/network.h"

namespace vnet::xml {

inline constexpr size_t kMaxXmlBytes = 16 * 1024 * 1024;

/// Parses a whole <network> document. `source` names the input in errors
/// ("FILE" or "-" for stdin) and is stored in every SourceLoc.
Result<Network> ParseNetwork(std::string_view text, const std::string& source);

/// Fragments that `net-update` accepts, each a single element document.
Result<DhcpHost> ParseDhcpHost(std::string_view text, const std::string& source);
Result<DhcpRange> ParseDhcpRange(std::string_view text, const std::string& source);
Result<DnsHost> ParseDnsHost(std::string_view text, const std::string& source);
Result<DnsSrv> ParseDnsSrv(std::string_view text, const std::string& source);
Result<DnsTxt> ParseDnsTxt(std::string_view text, const std::string& source);
Result<ForwardInterface> ParseForwardInterface(std::string_view text, const std::string& source);
Result<Portgroup> ParsePortgroup(std::string_view text, const std::string& source);

}  // namespace vnet::xml
