// Value types for the addresses that appear in network XML: IPv4/IPv6
// addresses, MAC addresses and UUIDs, with parsing, canonical formatting and
// the subnet arithmetic validation needs. Pure: no I/O.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vnet {

enum class Family : uint8_t { kIpv4, kIpv6 };

std::string_view FamilyName(Family f);  // "ipv4" / "ipv6"

/// An IPv4 or IPv6 address. IPv4 uses the first 4 bytes of `bytes`.
struct IpAddr {
  Family family = Family::kIpv4;
  std::array<uint8_t, 16> bytes{};

  /// Strict numeric parse (inet_pton): "192.168.122.1", "2001:db8::1".
  static std::optional<IpAddr> Parse(std::string_view text);
  static std::optional<IpAddr> Parse(std::string_view text, Family family);
  /// Canonical text (inet_ntop), as libvirt prints it.
  std::string ToString() const;

  int Bits() const { return family == Family::kIpv4 ? 32 : 128; }
  int Bytes() const { return family == Family::kIpv4 ? 4 : 16; }

  friend bool operator==(const IpAddr&, const IpAddr&) = default;
  /// Orders by family, then numerically.
  friend std::strong_ordering operator<=>(const IpAddr&, const IpAddr&) = default;
};

/// Prefix length of a contiguous netmask (255.255.255.0 -> 24); nullopt if the
/// mask is not contiguous or not IPv4.
std::optional<int> PrefixFromNetmask(const IpAddr& netmask);
/// 24 -> 255.255.255.0 (IPv4 only).
IpAddr NetmaskFromPrefix(int prefix);
/// The address with every host bit cleared.
IpAddr NetworkAddress(const IpAddr& addr, int prefix);
/// The address with every host bit set (IPv4 broadcast).
IpAddr BroadcastAddress(const IpAddr& addr, int prefix);
/// True if `addr` lies in subnet `net`/`prefix` (same family).
bool InSubnet(const IpAddr& addr, const IpAddr& net, int prefix);
/// end - start + 1, saturated at UINT64_MAX; 0 if families differ or end < start.
uint64_t RangeSize(const IpAddr& start, const IpAddr& end);
/// The address `n` after `addr` (wraps silently; callers stay inside subnets).
IpAddr AddToAddress(const IpAddr& addr, uint64_t n);
/// libvirt's default prefix for an IPv4 address without netmask/prefix
/// (classful: A=8, B=16, C=24; 0 for 0.0.0.0); nullopt for class D/E.
std::optional<int> ClassfulPrefix(const IpAddr& addr);

/// A 48-bit Ethernet MAC address.
struct MacAddr {
  std::array<uint8_t, 6> bytes{};

  /// "52:54:00:AB:cd:01": six colon-separated groups of one or two hex
  /// digits, trailing blanks allowed (libvirt's virMacAddrParse).
  static std::optional<MacAddr> Parse(std::string_view text);
  std::string ToString() const;  // lower case, as libvirt prints it
  bool IsMulticast() const { return (bytes[0] & 0x01) != 0; }
  bool IsBroadcast() const;
  bool IsZero() const;

  friend bool operator==(const MacAddr&, const MacAddr&) = default;
  friend auto operator<=>(const MacAddr&, const MacAddr&) = default;
};

/// A 128-bit UUID.
struct Uuid {
  std::array<uint8_t, 16> bytes{};

  /// libvirt's virUUIDParse: 32 hex digits, '-' or ' ' allowed between byte
  /// pairs, surrounding whitespace ignored.
  static std::optional<Uuid> Parse(std::string_view text);
  std::string ToString() const;  // 8-4-4-4-12, lower case
  /// A random version-4 UUID from the kernel's random source.
  static Uuid Random();

  friend bool operator==(const Uuid&, const Uuid&) = default;
  friend auto operator<=>(const Uuid&, const Uuid&) = default;
};

}  // namespace vnet
