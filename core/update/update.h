// virsh net-update: edit one section of a definition with an XML fragment,
// with libvirt's matching rules and messages (network_conf.c
// virNetworkDefUpdateSection).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/model/network.h"

namespace vnet {

enum class UpdateCommand { kAddFirst, kAddLast, kDelete, kModify };
enum class UpdateSection {
  kBridge,
  kDomain,
  kIp,
  kIpDhcpHost,
  kIpDhcpRange,
  kForward,
  kForwardInterface,
  kForwardPf,
  kPortgroup,
  kDnsHost,
  kDnsTxt,
  kDnsSrv,
};

/// "add" is "add-last", as in virsh.
std::optional<UpdateCommand> ParseUpdateCommand(std::string_view name);
std::optional<UpdateSection> ParseUpdateSection(std::string_view name);
std::string_view UpdateSectionName(UpdateSection section);

struct UpdateRequest {
  UpdateCommand command = UpdateCommand::kAddLast;
  UpdateSection section = UpdateSection::kIpDhcpHost;
  int parent_index = -1;  // --parent-index; -1 = libvirt's default choice
  std::string xml;        // the fragment
  std::string source;     // where the fragment came from, for messages
};

/// Applies the edit and returns the new definition, which has been formatted,
/// re-parsed and validated as libvirt does; `net` itself is not modified.
Result<Network> UpdateNetwork(const Network& net, const UpdateRequest& request);

}  // namespace vnet
