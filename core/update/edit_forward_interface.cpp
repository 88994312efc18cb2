// forward-interface: libvirt's virNetworkDefUpdateForwardInterface
// (network_conf.c).
#include "core/update/edit_common.h"
#include "core/xml/parse.h"

namespace vnet::update_internal {
namespace {

std::optional<size_t> FindInterface(const Network& net, const std::string& dev) {
  if (!net.forward) return std::nullopt;
  const std::vector<ForwardInterface>& pool = net.forward->interfaces;
  for (size_t i = 0; i < pool.size(); ++i) {
    if (pool[i].dev == dev) return i;
  }
  return std::nullopt;
}

Status AddInterface(Network& net, UpdateCommand command, ForwardInterface iface) {
  if (FindInterface(net, iface.dev)) {
    return OperationInvalid("there is an existing interface entry in network '" + net.name +
                            "' that matches \"<interface dev='" + iface.dev + "'>\"");
  }
  // An isolated network has no <forward> to hold the entry. libvirt keeps it in
  // a forward definition of type "none", which is never formatted, so the
  // entry is gone after the update's format/parse cycle: success, no change.
  if (!net.forward) return OkStatus();
  InsertEntry(net.forward->interfaces, command, std::move(iface));
  return OkStatus();
}

// libvirt also refuses while guests use the interface ("It is currently being
// used by N domains"); vnetctl attaches no guests, so it is never in use.
Status DeleteInterface(Network& net, const ForwardInterface& iface) {
  std::optional<size_t> found = FindInterface(net, iface.dev);
  if (!found) {
    return OperationInvalid("couldn't find an interface entry in network '" + net.name +
                            "' matching <interface dev='" + iface.dev + "'>");
  }
  EraseEntry(net.forward->interfaces, *found);
  return OkStatus();
}

}  // namespace

Status EditForwardInterface(Network& net, const UpdateRequest& request) {
  VNET_TRY(CheckElementName(net, request.xml, "interface"));
  if (request.command == UpdateCommand::kModify) {
    return OperationUnsupported(
        "forward interface entries cannot be modified, only added or deleted");
  }
  VNET_ASSIGN_OR_RETURN(ForwardInterface iface,
                        xml::ParseForwardInterface(request.xml, request.source));
  if (iface.dev.empty()) return XmlError("missing dev attribute in <interface> element");
  if (request.command == UpdateCommand::kDelete) return DeleteInterface(net, iface);
  return AddInterface(net, request.command, std::move(iface));
}

}  // namespace vnet::update_internal
