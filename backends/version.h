#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace vnet {

/// A dotted version such as 1.42.4 or 252 (missing parts are 0).
struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;

  /// Reads the first "N[.N[.N]]" in `text` ("systemd 252 (252.38-1~deb12u1)" -> 252.0.0).
  static std::optional<Version> Parse(std::string_view text);
  std::string ToString() const;
  friend auto operator<=>(const Version&, const Version&) = default;
  friend bool operator==(const Version&, const Version&) = default;
};

}  // namespace vnet
