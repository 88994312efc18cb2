#pragma once

#include <cstdint>
#include <optional>

#include "core/error.h"

namespace vnet {

enum class LeaseUnit : uint8_t { kSeconds, kMinutes, kHours };

/// <lease expiry='N' unit='…'/> inside a DHCP <range> or <host>.
struct Lease {
  uint64_t expiry = 0;                  // in `unit`; 0 means infinite
  std::optional<LeaseUnit> unit;        // as written; libvirt's default is minutes
  SourceLoc loc;

  LeaseUnit EffectiveUnit() const { return unit.value_or(LeaseUnit::kMinutes); }
  /// Lease length in seconds (0 = infinite).
  uint64_t Seconds() const;
};

}  // namespace vnet
