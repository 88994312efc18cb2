#include "core/live/nftables.h"

#include <memory>

#include "core/live/nft_api.h"

namespace vnet::live {
namespace {

bool NameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '/' || c == '-';
}

std::string Trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// libnftables reports a missing table only as localized text, so absence is
// decided from the family's table list instead of from the error message.
Result<bool> TableListed(const std::string& family, const std::string& name) {
  VNET_ASSIGN_OR_RETURN(NftOutput list, RunNft("list tables " + family));
  if (!list.ok) {
    return MakeError(ErrorKind::kSystem, "cannot list nftables tables: " + Trim(list.err));
  }
  const std::string line = "table " + family + " " + name + "\n";
  return list.out.starts_with(line) || list.out.find("\n" + line) != std::string::npos;
}

}  // namespace

bool ValidNftTableRef(std::string_view family, std::string_view name) {
  const bool family_ok = family == "inet" || family == "ip" || family == "ip6";
  bool name_ok = !name.empty();
  for (char c : name) name_ok = name_ok && NameChar(c);
  return family_ok && name_ok;
}

Result<std::optional<std::string>> ListNftTable(const std::string& family,
                                                const std::string& name) {
  if (!ValidNftTableRef(family, name)) {
    return MakeError(ErrorKind::kInvalidInput,
                     "invalid nftables table reference '" + family + " " + name + "'");
  }
  VNET_ASSIGN_OR_RETURN(NftOutput table, RunNft("list table " + family + " " + name));
  if (table.ok) return std::optional<std::string>(std::move(table.out));
  VNET_ASSIGN_OR_RETURN(bool listed, TableListed(family, name));
  if (!listed) return std::optional<std::string>();
  return MakeError(ErrorKind::kSystem,
                   "cannot list nftables table " + family + " " + name + ": " + Trim(table.err));
}

}  // namespace vnet::live
