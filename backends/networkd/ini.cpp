#include "backends/networkd/ini.h"

#include <algorithm>
#include <optional>

namespace vnet {

namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsName(const std::string& s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsAlnum); }

// What is wrong with a value, or nullopt if it is safe to write unquoted.
std::optional<std::string_view> ValueProblem(std::string_view v) {
  for (char c : v) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return "a newline or control character";
    if (c == ' ') return "whitespace";
    if (c == '"' || c == '\'' || c == '\\') return "a quote or backslash";
  }
  return std::nullopt;
}

Error BadValue(const IniSection& s, const IniEntry& e, std::string_view problem) {
  return MakeError(ErrorKind::kInvalidInput,
                   "cannot write [" + s.name + "] " + e.key +
                       "= for systemd-networkd: the value contains " + std::string(problem),
                   e.origin);
}

Status AppendSection(const IniSection& s, std::string& out) {
  if (!IsName(s.name)) {
    return MakeError(ErrorKind::kInvalidInput, "invalid INI section name '" + s.name + "'");
  }
  out += "[" + s.name + "]\n";
  for (const IniEntry& e : s.entries) {
    if (!IsName(e.key)) {
      return MakeError(ErrorKind::kInvalidInput, "invalid INI key name '" + e.key + "'", e.origin);
    }
    if (auto problem = ValueProblem(e.value)) return BadValue(s, e, *problem);
    out += e.key + "=" + e.value + "\n";
  }
  return OkStatus();
}

}  // namespace

void IniSection::Put(std::string key, std::string value, SourceLoc origin) {
  entries.push_back(IniEntry{std::move(key), std::move(value), std::move(origin)});
}

IniSection& IniFile::AddSection(std::string name) {
  sections.push_back(IniSection{std::move(name), {}});
  return sections.back();
}

Result<std::string> SerializeIni(const IniFile& file) {
  std::string out;
  for (const std::string& comment : file.header_comments) {
    auto problem = ValueProblem(comment);
    if (problem && *problem != "whitespace" && *problem != "a quote or backslash") {
      return MakeError(
          ErrorKind::kInvalidInput,
          "cannot write a comment for systemd-networkd: it contains " + std::string(*problem));
    }
    out += "# " + comment + "\n";
  }
  bool first = true;
  for (const IniSection& s : file.sections) {
    if (s.entries.empty()) continue;  // e.g. every key too new for this systemd
    if (!first || !file.header_comments.empty()) out += "\n";
    first = false;
    VNET_TRY(AppendSection(s, out));
  }
  return out;
}

}  // namespace vnet
