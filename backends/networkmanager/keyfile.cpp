#include "backends/networkmanager/keyfile.h"

#include <algorithm>
#include <optional>

namespace vnet {

namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

bool IsControl(char c) {
  auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Why `value` cannot be written verbatim, or nullopt.
std::optional<std::string> ValueProblem(const std::string& value) {
  if (std::any_of(value.begin(), value.end(), IsControl)) return "it contains a control character";
  if (value.find('\\') != std::string::npos) return "it contains a backslash";
  if (!value.empty() && (IsBlank(value.front()) || IsBlank(value.back()))) {
    return "it begins or ends with a blank";
  }
  return std::nullopt;
}

bool IsName(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), IsNameChar);
}

Error InvalidKeyfile(const std::string& what) {
  return MakeError(ErrorKind::kInvalidInput, "cannot write NetworkManager keyfile: " + what);
}

Status AppendSection(const KeyfileSection& section, std::string& out) {
  if (!IsName(section.name)) return InvalidKeyfile("invalid section name");
  out += "[" + section.name + "]\n";
  for (const auto& [key, value] : section.entries) {
    std::string where = "[" + section.name + "] " + key;
    if (!IsName(key)) return InvalidKeyfile("invalid key name in [" + section.name + "]");
    if (auto problem = ValueProblem(value)) {
      return InvalidKeyfile("the value of " + where + " is invalid: " + *problem);
    }
    out += key + "=" + value + "\n";
  }
  return OkStatus();
}

}  // namespace

KeyfileSection& Keyfile::Section(const std::string& name) {
  auto it = std::find_if(sections_.begin(), sections_.end(),
                         [&](const KeyfileSection& s) { return s.name == name; });
  if (it != sections_.end()) return *it;
  sections_.push_back(KeyfileSection{name, {}});
  return sections_.back();
}

void Keyfile::Set(const std::string& section, std::string key, std::string value) {
  Section(section).entries.emplace_back(std::move(key), std::move(value));
}

Result<std::string> Keyfile::Serialize() const {
  std::string out;
  for (const KeyfileSection& section : sections_) {
    if (!out.empty()) out += "\n";
    VNET_TRY(AppendSection(section, out));
  }
  return out;
}

}  // namespace vnet
