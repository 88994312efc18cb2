// Internal to core/xml: the per-element parsers, one file per element group
// (parse_network.cpp, parse_forward.cpp, parse_bridge.cpp, parse_dns.cpp,
// parse_ip.cpp, parse_port_profile.cpp). Each reads one element into its
// model type and rejects malformed values with libvirt's message.
#pragma once

#include <libxml/tree.h>

#include <optional>

#include "core/error.h"
#include "core/model/network.h"
#include "core/xml/parse_util.h"

namespace vnet::xml {

// parse_forward.cpp
Result<Forward> ParseForwardElement(const ParseCtx& ctx, const xmlNode* node);
Result<ForwardInterface> ParseForwardInterfaceElement(const ParseCtx& ctx, const xmlNode* node);

// parse_bridge.cpp
Result<Bridge> ParseBridgeElement(const ParseCtx& ctx, const xmlNode* node);

// parse_dns.cpp. `partial` is libvirt's partialOkay: the looser rules of
// net-update's match/delete fragments.
Result<Dns> ParseDnsElement(const ParseCtx& ctx, const xmlNode* node);
Result<DnsHost> ParseDnsHostElement(const ParseCtx& ctx, const xmlNode* node, bool partial);
Result<DnsSrv> ParseDnsSrvElement(const ParseCtx& ctx, const xmlNode* node, bool partial);
Result<DnsTxt> ParseDnsTxtElement(const ParseCtx& ctx, const xmlNode* node, bool partial);

// parse_ip.cpp
Result<Ip> ParseIpElement(const ParseCtx& ctx, const xmlNode* node);
Result<DhcpRange> ParseDhcpRangeElement(const ParseCtx& ctx, const xmlNode* node);
Result<DhcpHost> ParseDhcpHostElement(const ParseCtx& ctx, const xmlNode* node);
Result<Route> ParseRouteElement(const ParseCtx& ctx, const xmlNode* node);

// parse_port_profile.cpp
Result<Vlan> ParseVlanElement(const ParseCtx& ctx, const xmlNode* node);
Result<std::optional<Bandwidth>> ParseBandwidthElement(const ParseCtx& ctx, const xmlNode* node);
Result<VirtualPort> ParseVirtualPortElement(const ParseCtx& ctx, const xmlNode* node,
                                            bool require_type);
Result<Portgroup> ParsePortgroupElement(const ParseCtx& ctx, const xmlNode* node);

}  // namespace vnet::xml
