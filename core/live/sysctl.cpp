#include "core/live/sysctl.h"

#include "core/live/files.h"

namespace vnet::live {
namespace {

bool KeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '/' || c == '-';
}

}  // namespace

bool ValidSysctlKey(std::string_view key) {
  if (key.empty() || key.front() == '/') return false;
  for (char c : key) {
    if (!KeyChar(c)) return false;
  }
  // Interface names may hold dots ("eth0.100"), so only whole ".." components
  // are refused.
  const std::string padded = "/" + std::string(key) + "/";
  return padded.find("/../") == std::string::npos;
}

std::optional<std::string> ReadSysctl(const std::string& key) {
  if (!ValidSysctlKey(key)) return std::nullopt;
  std::optional<std::string> value = ReadSmallFile("/proc/sys/" + key, 64 * 1024);
  if (!value) return std::nullopt;
  while (!value->empty() &&
         (value->back() == '\n' || value->back() == ' ' || value->back() == '\t')) {
    value->pop_back();
  }
  return value;
}

}  // namespace vnet::live
