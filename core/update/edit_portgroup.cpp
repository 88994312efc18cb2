// portgroup: libvirt's virNetworkDefUpdatePortGroup (network_conf.c).
#include "core/update/edit_common.h"
#include "core/xml/parse.h"

namespace vnet::update_internal {
namespace {

struct PortgroupMatch {
  std::optional<size_t> same_name;
  std::optional<size_t> current_default;
};

PortgroupMatch FindPortgroup(const Network& net, const std::string& name) {
  PortgroupMatch match;
  for (size_t i = 0; i < net.portgroups.size(); ++i) {
    if (net.portgroups[i].name == name) match.same_name = i;
    if (net.portgroups[i].is_default) match.current_default = i;
  }
  return match;
}

Status CheckPortgroup(const Network& net, UpdateCommand command, const Portgroup& pg,
                      const PortgroupMatch& match) {
  if (!match.same_name && !IsAdd(command)) {
    return OperationInvalid("couldn't find a portgroup entry in network '" + net.name +
                            "' matching <portgroup name='" + pg.name + "'>");
  }
  if (match.same_name && IsAdd(command)) {
    return OperationInvalid("there is an existing portgroup entry in network '" + net.name +
                            "' that matches \"<portgroup name='" + pg.name + "'>\"");
  }
  if (command != UpdateCommand::kDelete && pg.is_default && match.current_default &&
      match.current_default != match.same_name) {
    return OperationInvalid("a different portgroup entry in network '" + net.name +
                            "' is already set as the default. Only one default is allowed.");
  }
  return OkStatus();
}

}  // namespace

Status EditPortgroup(Network& net, const UpdateRequest& request) {
  VNET_TRY(CheckElementName(net, request.xml, "portgroup"));
  VNET_ASSIGN_OR_RETURN(Portgroup pg, xml::ParsePortgroup(request.xml, request.source));
  if (pg.name.empty()) return XmlError("Missing required name attribute in portgroup");
  PortgroupMatch match = FindPortgroup(net, pg.name);
  VNET_TRY(CheckPortgroup(net, request.command, pg, match));
  switch (request.command) {
    case UpdateCommand::kModify:
      net.portgroups[*match.same_name] = std::move(pg);
      break;
    case UpdateCommand::kDelete:
      EraseEntry(net.portgroups, *match.same_name);
      break;
    case UpdateCommand::kAddFirst:
    case UpdateCommand::kAddLast:
      InsertEntry(net.portgroups, request.command, std::move(pg));
      break;
  }
  return OkStatus();
}

}  // namespace vnet::update_internal
