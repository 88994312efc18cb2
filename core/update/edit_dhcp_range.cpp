// ip-dhcp-range: libvirt's virNetworkDefUpdateIPDHCPRange (network_conf.c).
#include "core/update/edit_common.h"
#include "core/validate/validate.h"
#include "core/xml/parse.h"

namespace vnet::update_internal {
namespace {

std::vector<DhcpRange>& RangesOf(Ip& parent) {
  if (!parent.dhcp) parent.dhcp.emplace();
  return parent.dhcp->ranges;
}

// libvirt parses the range with the parent's subnet checks (virSocketAddrGetRange)
// whatever the command, so even a range to delete must be a valid one.
Status CheckRange(const Network& net, const Ip& parent, const DhcpRange& range) {
  std::vector<Error> errors = ValidateDhcpRange(range, parent, net);
  if (!errors.empty()) return errors.front();
  if (range.start.family != parent.AddrFamily()) {
    return OperationInvalid(
        "the address family of a dhcp range must match the address family of the dhcp "
        "element's parent");
  }
  return OkStatus();
}

std::optional<size_t> FindRange(Ip& parent, const DhcpRange& range) {
  std::vector<DhcpRange>& ranges = RangesOf(parent);
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (ranges[i].start == range.start && ranges[i].end == range.end) return i;
  }
  return std::nullopt;
}

Status AddRange(const Network& net, Ip& parent, UpdateCommand command, DhcpRange range) {
  VNET_TRY(CheckMultiDhcp(net, parent));
  if (FindRange(parent, range)) {
    return OperationInvalid("there is an existing dhcp range entry in network '" + net.name +
                            "' that matches \"<range start='" + range.start.ToString() + "' end='" +
                            range.end.ToString() + "'/>\"");
  }
  InsertEntry(RangesOf(parent), command, std::move(range));
  return OkStatus();
}

Status DeleteRange(const Network& net, Ip& parent, const DhcpRange& range) {
  std::optional<size_t> found = FindRange(parent, range);
  if (!found) {
    return OperationInvalid("couldn't locate a matching dhcp range entry in network '" + net.name +
                            "'");
  }
  EraseEntry(RangesOf(parent), *found);
  DropEmptyDhcp(parent);
  return OkStatus();
}

}  // namespace

Status EditDhcpRange(Network& net, const UpdateRequest& request) {
  VNET_TRY(CheckElementName(net, request.xml, "range"));
  VNET_ASSIGN_OR_RETURN(size_t index, ParentIpIndex(net, request.parent_index));
  if (request.command == UpdateCommand::kModify) {
    return OperationUnsupported("dhcp ranges cannot be modified, only added or deleted");
  }
  VNET_ASSIGN_OR_RETURN(DhcpRange range, xml::ParseDhcpRange(request.xml, request.source));
  Ip& parent = net.ips[index];
  VNET_TRY(CheckRange(net, parent, range));
  if (request.command == UpdateCommand::kDelete) return DeleteRange(net, parent, range);
  return AddRange(net, parent, request.command, std::move(range));
}

}  // namespace vnet::update_internal
