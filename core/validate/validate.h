// libvirt's rules for a network definition, separate from extraction. Each
// error carries libvirt's wording (with its "XML error: " / "internal error: " /
// "unsupported configuration: " prefix, as virsh prints it) and the SourceLoc
// of the offending element.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model/network.h"

namespace vnet {

/// All rules libvirt applies when parsing (virNetworkDefParseXML) and when the
/// network driver accepts a definition (networkValidate), plus vnetctl's own
/// stricter rules (documented in vnetctl-network(5)): duplicate MAC/IP/name
/// among static hosts, static host outside its subnet, name characters that
/// would be unsafe in file names. Errors come in libvirt's checking order, so
/// the first one is what virsh would print.
///
/// kParse leaves out the network driver's rules (networkValidate), as
/// libvirt's net-update does: it re-parses the edited definition but does not
/// re-run the driver's checks.
enum class ValidateScope { kDefine, kParse };
std::vector<Error> ValidateNetwork(const Network& net,
                                   ValidateScope scope = ValidateScope::kDefine);

/// Rules for one static host / range against its parent <ip>, shared with
/// net-update (which checks a fragment before inserting it); duplicates
/// against the other hosts are net-update's own check, with libvirt's wording.
std::vector<Error> ValidateDhcpHost(const DhcpHost& host, const Ip& parent, const Network& net);
std::vector<Error> ValidateDhcpRange(const DhcpRange& range, const Ip& parent, const Network& net);

/// What libvirt accepts and vnetctl accepts too, but is unwise, each at its
/// element: a static host IP outside its <ip> subnet (dnsmasq never hands it
/// out) and '*' in a DNS host name (no wildcard: dnsmasq answers for the
/// literal name). Callers print them as warnings; doctor reports them.
std::vector<Error> NetworkWarnings(const Network& net);
/// Those of one static host (net-update's fragment).
std::vector<Error> DhcpHostWarnings(const DhcpHost& host, const Ip& parent, const Network& net);

/// What the network driver fills in on define when missing: a random uuid, a
/// bridge MAC 52:54:00:xx:xx:xx (managed-bridge modes only), and the lowest free
/// virbrN (or the expansion of a "%d" template). `bridge_taken` says whether a
/// bridge name is used by another network or exists on the host. An explicit
/// bridge name is kept as is (checking it against other networks is the
/// store's job). Fails, as libvirt does, when virbr0..virbr256 are all taken.
/// <bridge stp/delay> defaults are not filled in: the formatter writes them.
Status FillDefinitionDefaults(Network& net,
                              const std::function<bool(const std::string&)>& bridge_taken);

}  // namespace vnet
