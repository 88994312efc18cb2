// Internals shared by the validation files: how a rule reports an error, the
// libvirt helpers the rules need (prefix arithmetic, range checks), and one
// entry point per element group. Each group appends to `errs` in libvirt's
// checking order; ValidateNetwork calls the groups in the order libvirt's
// parser and network driver reach them.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/model/network.h"
#include "core/validate/libvirt_error.h"

namespace vnet::validate {

using Errors = std::vector<Error>;

/// libvirt's error codes (core/validate/libvirt_error.h).
using Code = LibvirtCode;

/// Replaces each "%s" in `tmpl` by the next argument, so libvirt's format
/// strings can be kept verbatim (its %u/%d/%c are passed as text too).
std::string Subst(std::string_view tmpl, std::initializer_list<std::string_view> args);

/// Appends an invalid-input error with virsh's prefix for `code`. `attr`
/// (when given and the element has a path) is appended as "/@attr".
void Report(Errors& errs, Code code, std::string_view message, const SourceLoc& where,
            std::string_view attr = {});

/// libvirt keeps a <bandwidth> only when it has <inbound> or <outbound>.
bool HasBandwidth(const std::optional<Bandwidth>& bw);
/// networkValidate's bandwidthAllowed: managed-bridge modes, or bridge mode
/// with a bridge name.
bool BandwidthAllowed(const Network& net);

/// ForwardModeName as libvirt prints it in messages.
std::string ModeName(const Network& net);

/// virNetworkIPDefPrefix: prefix= if > 0, else netmask bits (-1 if not
/// contiguous), else 0 for 0.0.0.0 / ::, classful for IPv4 (-1 for class
/// D/E), 64 for IPv6.
int LibvirtIpPrefix(const Ip& ip);

/// virSocketAddrGetRange's checks of start..end against network/prefix
/// (`network` null: order and size only). Returns false after reporting.
bool CheckRange(Errors& errs, const IpAddr& start, const IpAddr& end, const IpAddr* network,
                int prefix, const SourceLoc& where);

// Parse-time rules (virNetworkDefParseXML and the element parsers).
void CheckName(Errors& errs, const Network& net);
void CheckBandwidth(Errors& errs, const Bandwidth& bw);
void CheckVlan(Errors& errs, const Vlan& vlan);
void CheckVirtualPort(Errors& errs, const VirtualPort& vp, bool require_type);
void CheckPortgroupsParse(Errors& errs, const Network& net);
void CheckBridgeMac(Errors& errs, const Network& net);
void CheckDns(Errors& errs, const Network& net);
void CheckIps(Errors& errs, const Network& net);
void CheckDhcpRange(Errors& errs, const DhcpRange& range, const Ip& parent, const Network& net);
void CheckDhcpHost(Errors& errs, const DhcpHost& host, const Ip& parent, const Network& net);
void CheckRoutes(Errors& errs, const Network& net);
void CheckForwardParse(Errors& errs, const Network& net);
void CheckModeVsBridge(Errors& errs, const Network& net);
void CheckMtu(Errors& errs, const Network& net);

// Driver rules (networkValidate in bridge_driver.c).
void CheckDriverName(Errors& errs, const Network& net);
void CheckDriverModeElements(Errors& errs, const Network& net);
void CheckDriverForwardPool(Errors& errs, const Network& net);
void CheckDriverDhcpSections(Errors& errs, const Network& net);
void CheckDriverPortgroups(Errors& errs, const Network& net);

// vnetctl's stricter rules (strict_rules.cpp): libvirt accepts all of these.
void CheckStrictRules(Errors& errs, const Network& net);
void CheckStrictDhcpHost(Errors& errs, const DhcpHost& host, const Ip& parent, const Network& net);
void CheckStrictHostDuplicates(Errors& errs, const Ip& ip, const Network& net);
void CheckStrictConfigValues(Errors& errs, const Network& net);
/// Reports `message` plus the note that libvirt accepts what vnetctl refuses.
void Strict(Errors& errs, const std::string& message, const SourceLoc& where,
            std::string_view attr = {});

}  // namespace vnet::validate
