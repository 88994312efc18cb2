// SHA-1 (FIPS 180-4), only for name-based UUIDs (RFC 9562 version 5); not
// for anything that needs collision resistance.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace vnet {

std::array<uint8_t, 20> Sha1(std::string_view data);

}  // namespace vnet
