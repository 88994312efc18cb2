// Internal to core/xml: the parts of <network> that are kept verbatim rather
// than modelled: <metadata> and the dnsmasq namespace's <dnsmasq:options>.
#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/xml/parse_util.h"

namespace vnet::xml {

inline constexpr char kDnsmasqNamespace[] = "http://libvirt.org/schemas/network/dnsmasq/1.0";

/// The children of the first <metadata>, serialized as libvirt prints them
/// at network level: everything between "<metadata>" and "</metadata>"
/// (libxml2's formatted dump after libvirt's namespace sanitizing: children
/// without a namespace, and later children sharing a namespace, are dropped).
/// nullopt when there is no <metadata>; empty when no element child is left
/// (libvirt keeps and formats <metadata/> then).
std::optional<std::string> ExtractMetadata(const xmlNode* root);

/// The value of every <dnsmasq:options><dnsmasq:option value/>, in order.
Result<std::vector<std::string>> ParseDnsmasqOptions(const ParseCtx& ctx, const xmlNode* root);

}  // namespace vnet::xml
