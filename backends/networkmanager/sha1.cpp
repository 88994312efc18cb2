#include "backends/networkmanager/sha1.h"

#include <string>

namespace vnet {

namespace {

uint32_t RotateLeft(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

// Appends 0x80, zeros and the bit length so the size is a multiple of 64.
std::string Pad(std::string_view data) {
  std::string m(data);
  uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
  m += static_cast<char>(0x80);
  while (m.size() % 64 != 56) m += '\0';
  for (int i = 7; i >= 0; --i) m += static_cast<char>((bits >> (i * 8)) & 0xff);
  return m;
}

// Round function and constant for round t (0..79).
uint32_t RoundMix(int t, uint32_t b, uint32_t c, uint32_t d, uint32_t& k) {
  if (t < 20) {
    k = 0x5a827999;
    return (b & c) | (~b & d);
  }
  if (t < 40) {
    k = 0x6ed9eba1;
    return b ^ c ^ d;
  }
  if (t < 60) {
    k = 0x8f1bbcdc;
    return (b & c) | (b & d) | (c & d);
  }
  k = 0xca62c1d6;
  return b ^ c ^ d;
}

void ProcessBlock(const unsigned char* block, std::array<uint32_t, 5>& h) {
  uint32_t w[80];
  for (int t = 0; t < 16; ++t) {
    w[t] = (uint32_t{block[4 * t]} << 24) | (uint32_t{block[4 * t + 1]} << 16) |
           (uint32_t{block[4 * t + 2]} << 8) | uint32_t{block[4 * t + 3]};
  }
  for (int t = 16; t < 80; ++t) w[t] = RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int t = 0; t < 80; ++t) {
    uint32_t k = 0;
    uint32_t f = RoundMix(t, b, c, d, k);
    uint32_t temp = RotateLeft(a, 5) + f + e + k + w[t];
    e = d;
    d = c;
    c = RotateLeft(b, 30);
    b = a;
    a = temp;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

}  // namespace

std::array<uint8_t, 20> Sha1(std::string_view data) {
  std::array<uint32_t, 5> h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  std::string m = Pad(data);
  for (size_t i = 0; i < m.size(); i += 64) {
    ProcessBlock(reinterpret_cast<const unsigned char*>(m.data() + i), h);
  }
  std::array<uint8_t, 20> digest{};
  for (int i = 0; i < 20; ++i) digest[i] = static_cast<uint8_t>(h[i / 4] >> (24 - 8 * (i % 4)));
  return digest;
}

}  // namespace vnet
