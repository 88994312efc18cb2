#include "backends/networkmanager/uuid5.h"

#include <string>

#include "backends/networkmanager/sha1.h"

namespace vnet {

Uuid Uuid5(const Uuid& name_space, std::string_view name) {
  std::string input(name_space.bytes.begin(), name_space.bytes.end());
  input.append(name);
  auto digest = Sha1(input);
  Uuid u;
  for (size_t i = 0; i < u.bytes.size(); ++i) u.bytes[i] = digest[i];
  u.bytes[6] = static_cast<uint8_t>((u.bytes[6] & 0x0f) | 0x50);  // version 5
  u.bytes[8] = static_cast<uint8_t>((u.bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return u;
}

}  // namespace vnet
