#include "core/plan/status.h"

#include <nlohmann/json.hpp>

namespace vnet::plan {

std::string_view PlacementName(Placement p) {
  return p == Placement::kRuntime ? "runtime" : "persistent";
}

FileRole NetworkStatus::RoleOf(const std::string& path) const {
  auto it = roles.find(path);
  return it == roles.end() ? FileRole::kNative : it->second;
}

std::string StatusToJson(const NetworkStatus& s) {
  nlohmann::json roles = nlohmann::json::object();
  for (const auto& [path, role] : s.roles) roles[path] = FileRoleName(role);
  nlohmann::json j{{"name", s.name},
                   {"uuid", s.uuid},
                   {"backend", s.backend},
                   {"placement", PlacementName(s.placement)},
                   {"bridge", s.bridge},
                   {"files", s.files},
                   {"roles", roles},
                   {"nft_table", s.nft_table},
                   {"nft_listing", s.nft_listing},
                   {"dnsmasq", s.dnsmasq},
                   {"sysctls_before", s.sysctls_before},
                   {"verified", s.verified}};
  if (!s.passages.empty()) j["passages"] = s.passages;  // records without one stay as they were
  if (!s.manager_copies.empty()) j["manager_copies"] = s.manager_copies;
  if (!s.firewalld_zone.empty()) {
    j["firewalld_zone"] = s.firewalld_zone;
    j["firewalld_permanent"] = s.firewalld_permanent;
  }
  return j.dump(2) + "\n";
}

Result<NetworkStatus> StatusFromJson(std::string_view text, const std::string& where) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("name") || !j.contains("backend")) {
    return MakeError(ErrorKind::kInvalidInput, where + ": not a vnetctl status record");
  }
  NetworkStatus s;
  try {
    s.name = j.at("name").get<std::string>();
    s.uuid = j.value("uuid", "");
    s.backend = j.at("backend").get<std::string>();
    s.placement = j.value("placement", "runtime") == "persistent" ? Placement::kPersistent
                                                                  : Placement::kRuntime;
    s.bridge = j.value("bridge", "");
    s.files = j.value("files", std::vector<std::string>{});
    for (const auto& [path, role] : j.value("roles", std::map<std::string, std::string>{})) {
      s.roles[path] = FileRoleFromName(role);
    }
    s.nft_table = j.value("nft_table", "");
    s.nft_listing = j.value("nft_listing", "");
    s.dnsmasq = j.value("dnsmasq", false);
    s.sysctls_before = j.value("sysctls_before", std::map<std::string, std::string>{});
    s.verified = j.value("verified", std::vector<std::string>{});
    s.passages = j.value("passages", std::vector<std::string>{});
    s.manager_copies = j.value("manager_copies", std::vector<std::string>{});
    s.firewalld_zone = j.value("firewalld_zone", std::string());
    s.firewalld_permanent = j.value("firewalld_permanent", false);
  } catch (const nlohmann::json::exception& e) {
    return MakeError(ErrorKind::kInvalidInput, where + ": " + e.what());
  }
  return s;
}

}  // namespace vnet::plan
