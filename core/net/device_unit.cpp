#include "core/net/device_unit.h"

#include <cctype>

namespace vnet {

std::string DeviceUnit(const std::string& ifname) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sys-subsystem-net-devices-";
  for (char c : ifname) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == ':' || c == '_' || c == '.') {
      out += c;
    } else {
      out += std::string("\\x") + kHex[u >> 4] + kHex[u & 15];
    }
  }
  return out + ".device";
}

}  // namespace vnet
