#include "backends/version.h"

#include <cctype>

namespace vnet {

namespace {

// Reads digits at `i`; returns -1 if none.
int ReadNumber(std::string_view text, size_t& i) {
  if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
  int n = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && n < 100000000) {
    n = n * 10 + (text[i++] - '0');
  }
  return n;
}

}  // namespace

std::optional<Version> Version::Parse(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  Version v;
  v.major = ReadNumber(text, i);
  if (v.major < 0) return std::nullopt;
  int* rest[] = {&v.minor, &v.patch};
  for (int* part : rest) {
    if (i + 1 >= text.size() || text[i] != '.') break;
    size_t j = i + 1;
    int n = ReadNumber(text, j);
    if (n < 0) break;
    *part = n;
    i = j;
  }
  return v;
}

std::string Version::ToString() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

}  // namespace vnet
