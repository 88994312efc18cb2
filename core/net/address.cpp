#include "core/net/address.h"

#include <arpa/inet.h>
#include <sys/random.h>

#include <cctype>
#include <cstdio>

namespace vnet {

std::string_view FamilyName(Family f) { return f == Family::kIpv4 ? "ipv4" : "ipv6"; }

std::optional<IpAddr> IpAddr::Parse(std::string_view text) {
  if (auto v4 = Parse(text, Family::kIpv4)) return v4;
  return Parse(text, Family::kIpv6);
}

namespace {

// One zero-padded dotted-quad group ("000", "010") as glibc's inet_aton reads
// it: a leading 0 makes it octal.
std::optional<uint8_t> PaddedOctet(std::string_view g) {
  if (g.empty() || g.size() > 4 || g.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  const unsigned base = g.size() > 1 && g[0] == '0' ? 8 : 10;
  unsigned v = 0;
  for (char c : g) {
    if (static_cast<unsigned>(c - '0') >= base) return std::nullopt;
    v = v * base + static_cast<unsigned>(c - '0');
  }
  if (v > 255) return std::nullopt;
  return static_cast<uint8_t>(v);
}

// "192.168.000.1": four groups, some zero-padded, which inet_pton refuses and
// libvirt accepts (getaddrinfo with AI_NUMERICHOST reads IPv4 with
// inet_aton, octal groups included) and prints back as the address it read.
std::optional<IpAddr> ParsePaddedQuad(std::string_view text) {
  IpAddr a;
  a.family = Family::kIpv4;
  size_t pos = 0;
  for (size_t i = 0; i < 4; ++i) {
    size_t dot = text.find('.', pos);
    if ((i < 3) != (dot != std::string_view::npos)) return std::nullopt;
    std::optional<uint8_t> b = PaddedOctet(text.substr(pos, dot - pos));
    if (!b) return std::nullopt;
    a.bytes[i] = *b;
    pos = dot + 1;
  }
  return a;
}

}  // namespace

std::optional<IpAddr> IpAddr::Parse(std::string_view text, Family family) {
  // inet_pton needs a NUL-terminated string and must not see embedded NULs.
  if (text.empty() || text.size() > 64 || text.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  std::string s(text);
  IpAddr a;
  a.family = family;
  int af = family == Family::kIpv4 ? AF_INET : AF_INET6;
  if (inet_pton(af, s.c_str(), a.bytes.data()) == 1) return a;
  return family == Family::kIpv4 ? ParsePaddedQuad(text) : std::nullopt;
}

// Formatting is written out by hand for IPv4, MACs and UUIDs: a network may
// hold 10,000 static hosts, and snprintf / inet_ntop cost ~1-3k instructions
// per call where this costs ~50.
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendHex(std::string& out, uint8_t b) {
  out += kHex[b >> 4];
  out += kHex[b & 0xf];
}

void AppendDecimal(std::string& out, uint8_t b) {
  if (b >= 100) out += static_cast<char>('0' + b / 100);
  if (b >= 10) out += static_cast<char>('0' + b / 10 % 10);
  out += static_cast<char>('0' + b % 10);
}

}  // namespace

std::string IpAddr::ToString() const {
  if (family == Family::kIpv4) {
    std::string out;
    out.reserve(15);
    for (int i = 0; i < 4; ++i) {
      if (i > 0) out += '.';
      AppendDecimal(out, bytes[i]);
    }
    return out;
  }
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
  return buf;
}

namespace {

bool BitSet(const IpAddr& a, int bit) { return (a.bytes[bit / 8] >> (7 - bit % 8)) & 1; }

// Keeps the first `prefix` bits (host_bits=false) or sets all later bits.
IpAddr MaskBits(IpAddr a, int prefix, bool set_host_bits) {
  for (int bit = prefix; bit < a.Bits(); ++bit) {
    uint8_t m = static_cast<uint8_t>(1u << (7 - bit % 8));
    if (set_host_bits) {
      a.bytes[bit / 8] |= m;
    } else {
      a.bytes[bit / 8] &= static_cast<uint8_t>(~m);
    }
  }
  return a;
}

}  // namespace

std::optional<int> PrefixFromNetmask(const IpAddr& netmask) {
  if (netmask.family != Family::kIpv4) return std::nullopt;
  int prefix = 0;
  while (prefix < 32 && BitSet(netmask, prefix)) ++prefix;
  for (int bit = prefix; bit < 32; ++bit) {
    if (BitSet(netmask, bit)) return std::nullopt;
  }
  return prefix;
}

IpAddr NetmaskFromPrefix(int prefix) {
  IpAddr a;
  a.family = Family::kIpv4;
  a.bytes.fill(0);
  for (int i = 0; i < 4; ++i) a.bytes[i] = 0xff;
  return MaskBits(a, prefix, false);
}

IpAddr NetworkAddress(const IpAddr& addr, int prefix) { return MaskBits(addr, prefix, false); }

IpAddr BroadcastAddress(const IpAddr& addr, int prefix) { return MaskBits(addr, prefix, true); }

bool InSubnet(const IpAddr& addr, const IpAddr& net, int prefix) {
  if (addr.family != net.family) return false;
  return NetworkAddress(addr, prefix) == NetworkAddress(net, prefix);
}

uint64_t RangeSize(const IpAddr& start, const IpAddr& end) {
  if (start.family != end.family || end < start) return 0;
  // Unsigned 128-bit subtraction, saturated to 64 bits.
  unsigned __int128 s = 0, e = 0;
  for (int i = 0; i < start.Bytes(); ++i) {
    s = (s << 8) | start.bytes[i];
    e = (e << 8) | end.bytes[i];
  }
  unsigned __int128 diff = e - s;
  if (diff >= UINT64_MAX) return UINT64_MAX;
  return static_cast<uint64_t>(diff) + 1;
}

IpAddr AddToAddress(const IpAddr& addr, uint64_t n) {
  IpAddr out = addr;
  unsigned carry = 0;
  for (int i = addr.Bytes() - 1; i >= 0; --i) {
    unsigned sum = out.bytes[i] + static_cast<unsigned>(n & 0xff) + carry;
    out.bytes[i] = static_cast<uint8_t>(sum & 0xff);
    carry = sum >> 8;
    n >>= 8;
  }
  return out;
}

std::optional<int> ClassfulPrefix(const IpAddr& addr) {
  if (addr.family != Family::kIpv4) return std::nullopt;
  // libvirt gives 0.0.0.0 prefix 0 (a default route), not class A's 8.
  if (addr == IpAddr{}) return 0;
  uint8_t first = addr.bytes[0];
  if (first < 128) return 8;
  if (first < 192) return 16;
  if (first < 224) return 24;
  return std::nullopt;
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<MacAddr> MacAddr::Parse(std::string_view text) {
  // As libvirt's virMacAddrParse: six groups of one or two hex digits joined
  // by ':', optionally followed by blanks/control characters.
  MacAddr m;
  size_t i = 0;
  for (int n = 0; n < 6; ++n) {
    size_t digits = 0;
    int value = 0;
    while (i < text.size() && digits < 3 && HexValue(text[i]) >= 0) {
      value = value * 16 + HexValue(text[i++]);
      ++digits;
    }
    if (digits < 1 || digits > 2) return std::nullopt;
    m.bytes[n] = static_cast<uint8_t>(value);
    if (n < 5) {
      if (i >= text.size() || text[i] != ':') return std::nullopt;
      ++i;
    }
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) > ' ') return std::nullopt;
  }
  return m;
}

std::string MacAddr::ToString() const {
  std::string out;
  out.reserve(17);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) out += ':';
    AppendHex(out, bytes[i]);
  }
  return out;
}

bool MacAddr::IsBroadcast() const {
  for (uint8_t b : bytes) {
    if (b != 0xff) return false;
  }
  return true;
}

bool MacAddr::IsZero() const {
  for (uint8_t b : bytes) {
    if (b != 0) return false;
  }
  return true;
}

std::optional<Uuid> Uuid::Parse(std::string_view text) {
  // As libvirt's virUUIDParse: 32 hex digits in pairs, '-' or ' ' allowed
  // between pairs, surrounding whitespace ignored.
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  Uuid u;
  for (int n = 0; n < 16; ++n) {
    while (i < text.size() && (text[i] == '-' || text[i] == ' ')) ++i;
    if (i + 2 > text.size()) return std::nullopt;
    int hi = HexValue(text[i]);
    int lo = HexValue(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    u.bytes[n] = static_cast<uint8_t>(hi * 16 + lo);
    i += 2;
  }
  while (i < text.size()) {
    if (!is_space(text[i])) return std::nullopt;
    ++i;
  }
  return u;
}

std::string Uuid::ToString() const {
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    AppendHex(out, bytes[i]);
  }
  return out;
}

Uuid Uuid::Random() {
  Uuid u;
  size_t got = 0;
  while (got < u.bytes.size()) {
    ssize_t n = getrandom(u.bytes.data() + got, u.bytes.size() - got, 0);
    if (n > 0) got += static_cast<size_t>(n);
  }
  u.bytes[6] = static_cast<uint8_t>((u.bytes[6] & 0x0f) | 0x40);  // version 4
  u.bytes[8] = static_cast<uint8_t>((u.bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return u;
}

}  // namespace vnet
