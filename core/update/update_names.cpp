// virsh's names for net-update commands and sections (tools/virsh-network.c).
#include <array>
#include <string_view>
#include <utility>

#include "core/update/update.h"

namespace vnet {
namespace {

constexpr std::array<std::pair<std::string_view, UpdateCommand>, 5> kCommands{{
    {"add", UpdateCommand::kAddLast},
    {"add-first", UpdateCommand::kAddFirst},
    {"add-last", UpdateCommand::kAddLast},
    {"delete", UpdateCommand::kDelete},
    {"modify", UpdateCommand::kModify},
}};

constexpr std::array<std::pair<std::string_view, UpdateSection>, 12> kSections{{
    {"bridge", UpdateSection::kBridge},
    {"domain", UpdateSection::kDomain},
    {"ip", UpdateSection::kIp},
    {"ip-dhcp-host", UpdateSection::kIpDhcpHost},
    {"ip-dhcp-range", UpdateSection::kIpDhcpRange},
    {"forward", UpdateSection::kForward},
    {"forward-interface", UpdateSection::kForwardInterface},
    {"forward-pf", UpdateSection::kForwardPf},
    {"portgroup", UpdateSection::kPortgroup},
    {"dns-host", UpdateSection::kDnsHost},
    {"dns-txt", UpdateSection::kDnsTxt},
    {"dns-srv", UpdateSection::kDnsSrv},
}};

}  // namespace

std::optional<UpdateCommand> ParseUpdateCommand(std::string_view name) {
  for (const auto& [text, command] : kCommands) {
    if (text == name) return command;
  }
  return std::nullopt;
}

std::optional<UpdateSection> ParseUpdateSection(std::string_view name) {
  for (const auto& [text, section] : kSections) {
    if (text == name) return section;
  }
  return std::nullopt;
}

std::string_view UpdateSectionName(UpdateSection section) {
  for (const auto& [text, value] : kSections) {
    if (value == section) return text;
  }
  return "unknown";
}

}  // namespace vnet
