// define/create --validate: the document checked against libvirt's own
// RelaxNG schema for networks before vnetctl reads it, as virsh's
// VIR_NETWORK_DEFINE_VALIDATE does (virXMLValidateAgainstSchema), with
// libvirt's message. The schema is Debian's libvirt0's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace vnet::xml {

inline constexpr const char* kNetworkSchema = "/usr/share/libvirt/schemas/network.rng";

/// Every schema violation, each at its element's line: "XML document failed
/// to validate against schema: Unable to validate doc against SCHEMA:
/// <libxml2's message>". A schema that cannot be read is kUnavailable.
std::vector<Error> ValidateAgainstSchema(std::string_view text, const std::string& source,
                                         const std::string& schema = kNetworkSchema);

}  // namespace vnet::xml
