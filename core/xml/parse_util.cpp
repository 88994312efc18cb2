#include "core/xml/parse_util.h"

#include <limits>

namespace vnet::xml {

namespace {

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

int DetectBase(std::string_view& text) {
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
    return 16;
  }
  if (text.size() > 1 && text[0] == '0') return 8;
  return 10;
}

}  // namespace

Error Attr::Invalid(std::string_view expected) const {
  std::string message = std::string(kXmlError) + "Invalid value for attribute '" +
                        std::string(name) + "' in element '" + std::string(Name(node)) + "': '" +
                        value + "'.";
  if (!expected.empty()) message += " Expected " + std::string(expected);
  return Fail(std::move(message));
}

Result<IpAddr> ParseSocketAddr(const Attr& attr) {
  std::optional<IpAddr> addr = IpAddr::Parse(attr.value);
  if (!addr) {
    return attr.Fail("Cannot parse socket address '" + attr.value + "': Name or service not known");
  }
  return *addr;
}

std::optional<uint64_t> ParseUnsigned(std::string_view text, int base, uint64_t max) {
  if (base == 0) base = DetectBase(text);
  if (text.empty()) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    const int digit = DigitValue(c);
    if (digit >= base) return std::nullopt;
    if (value > (std::numeric_limits<uint64_t>::max() - static_cast<uint64_t>(digit)) /
                    static_cast<uint64_t>(base)) {
      return std::nullopt;
    }
    value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
  }
  if (value > max) return std::nullopt;
  return value;
}

std::optional<bool> ParseYesNo(std::string_view text) {
  if (text == "yes") return true;
  if (text == "no") return false;
  return std::nullopt;
}

}  // namespace vnet::xml
