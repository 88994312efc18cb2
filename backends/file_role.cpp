#include <array>
#include <utility>

#include "backends/backend.h"

namespace vnet {

namespace {

constexpr std::array<std::pair<FileRole, std::string_view>, 5> kRoleNames = {{
    {FileRole::kNative, "native"},
    {FileRole::kDnsmasqConf, "dnsmasq-conf"},
    {FileRole::kDnsmasqHosts, "dnsmasq-hosts"},
    {FileRole::kFirewall, "firewall"},
    {FileRole::kOther, "other"},
}};

}  // namespace

std::string_view FileRoleName(FileRole role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "native";
}

FileRole FileRoleFromName(std::string_view name) {
  for (const auto& [r, n] : kRoleNames) {
    if (n == name) return r;
  }
  return FileRole::kNative;
}

}  // namespace vnet
