#pragma once

#include <string_view>

#include "core/net/address.h"

namespace vnet {

/// The name-based UUID of RFC 9562 §5.5 (version 5, SHA-1): equal to
/// Python's uuid.uuid5(namespace, name).
Uuid Uuid5(const Uuid& name_space, std::string_view name);

}  // namespace vnet
