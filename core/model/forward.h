#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/net/address.h"

namespace vnet {

/// <forward mode='…'>. kNone is "isolated": no <forward> element at all.
enum class ForwardMode : uint8_t {
  kNone,
  kNat,
  kRoute,
  kOpen,
  kBridge,
  kPrivate,
  kVepa,
  kPassthrough,
  kHostdev,
};

/// <nat><address start end/> and <nat><port start end/>.
struct NatAddressRange {
  IpAddr start;
  std::optional<IpAddr> end;
  SourceLoc loc;
};
struct NatPortRange {
  uint32_t start = 0;
  uint32_t end = 0;
  SourceLoc loc;
};
struct ForwardNat {
  std::optional<bool> ipv6;  // <nat ipv6='yes'>
  std::optional<NatAddressRange> address;
  std::optional<NatPortRange> port;
  SourceLoc loc;
};

/// <forward><interface dev='…'/>; also what `<forward dev='…'>` becomes.
struct ForwardInterface {
  std::string dev;
  SourceLoc loc;
};

/// <forward><address type='pci' domain bus slot function/> (hostdev pool).
struct PciAddress {
  uint32_t domain = 0;
  uint32_t bus = 0;
  uint32_t slot = 0;
  uint32_t function = 0;
  SourceLoc loc;
  bool SameDevice(const PciAddress& o) const {
    return domain == o.domain && bus == o.bus && slot == o.slot && function == o.function;
  }
};

enum class ForwardDriver : uint8_t { kDefault, kKvm, kVfio };

struct Forward {
  ForwardMode mode = ForwardMode::kNat;  // <forward> without mode is nat
  bool mode_explicit = false;            // false for <forward/> (formatter still writes it)
  std::optional<bool> managed;           // hostdev: managed='yes|no'
  std::optional<ForwardDriver> driver;   // <driver name='kvm|vfio'/>
  std::optional<ForwardNat> nat;
  /// The device pool. `<forward dev='X'>` is stored as the first entry, as in
  /// libvirt, and the formatter writes dev= from it.
  std::vector<ForwardInterface> interfaces;
  std::optional<ForwardInterface> pf;  // <pf dev='…'/>
  std::vector<PciAddress> addresses;
  SourceLoc loc;

  /// The dev= attribute / first pool interface, or empty.
  const std::string& Dev() const;
};

std::string_view ForwardModeName(ForwardMode mode);  // "nat", …; "none" for kNone

}  // namespace vnet
