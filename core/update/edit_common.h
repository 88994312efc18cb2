// Shared pieces of the net-update section editors: libvirt's error prefixes,
// list insertion, fragment element check and the parent <ip> choice.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/model/network.h"
#include "core/update/update.h"

namespace vnet::update_internal {

/// virsh's rendering of VIR_ERR_OPERATION_INVALID ("Requested operation is
/// not valid: …").
Error OperationInvalid(const std::string& message);
/// VIR_ERR_OPERATION_UNSUPPORTED ("Operation not supported: …").
Error OperationUnsupported(const std::string& message);
/// VIR_ERR_XML_ERROR ("XML error: …").
Error XmlError(const std::string& message);
/// VIR_ERR_XML_DETAIL, which virsh prints without a prefix.
Error XmlDetail(const std::string& message);

inline bool IsAdd(UpdateCommand command) {
  return command == UpdateCommand::kAddFirst || command == UpdateCommand::kAddLast;
}

/// Inserts at the front for add-first, at the back otherwise.
template <typename T>
void InsertEntry(std::vector<T>& list, UpdateCommand command, T entry) {
  auto at = command == UpdateCommand::kAddFirst ? list.begin() : list.end();
  list.insert(at, std::move(entry));
}

template <typename T>
void EraseEntry(std::vector<T>& list, size_t index) {
  list.erase(list.begin() + static_cast<std::ptrdiff_t>(index));
}

/// The name of the fragment's top-level element, or empty when it cannot be
/// told (then the fragment parser reports what is wrong).
std::string FragmentRootName(std::string_view xml);

/// libvirt's virNetworkDefUpdateCheckElementName.
Status CheckElementName(const Network& net, std::string_view xml, std::string_view expected);

/// libvirt's virNetworkIPDefByIndex: `parent_index` >= 0 is the N-th <ip> of any
/// family; -1 is the first <ip> with DHCP ranges or hosts, else the first IPv4,
/// else the first IPv6. Returns the index into net.ips.
Result<size_t> ParentIpIndex(const Network& net, int parent_index);

/// libvirt's virNetworkDefUpdateCheckMultiDHCP: no other <ip> of the parent's
/// family may already have DHCP.
Status CheckMultiDhcp(const Network& net, const Ip& parent);

/// Removes a <dhcp> left with nothing in it, which libvirt would not print.
void DropEmptyDhcp(Ip& ip);

/// The network's <dns>, created empty if absent.
Dns& DnsOf(Network& net);
/// Removes a <dns> left with nothing in it.
void DropEmptyDns(Network& net);

/// One editor per supported section; each edits `net` in place.
Status EditDhcpHost(Network& net, const UpdateRequest& request);
Status EditDhcpRange(Network& net, const UpdateRequest& request);
Status EditForwardInterface(Network& net, const UpdateRequest& request);
Status EditPortgroup(Network& net, const UpdateRequest& request);
Status EditDnsHost(Network& net, const UpdateRequest& request);
Status EditDnsTxt(Network& net, const UpdateRequest& request);
Status EditDnsSrv(Network& net, const UpdateRequest& request);

}  // namespace vnet::update_internal
