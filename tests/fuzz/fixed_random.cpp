// The fuzz targets' getrandom(2): the same bytes on every call. Defaults that
// define fills in (a random uuid, a random bridge MAC) would otherwise take
// different paths on each run, and the gate (run.sh) must give the same
// answer twice on the same tree. Linked into each target, this definition
// takes the place of libc's for vnet_core's calls.
#include <sys/types.h>

#include <cstddef>

extern "C" ssize_t getrandom(void* buf, size_t len, unsigned int /*flags*/) {
  auto* bytes = static_cast<unsigned char*>(buf);
  for (size_t i = 0; i < len; ++i) bytes[i] = static_cast<unsigned char>(0x5a ^ i);
  return static_cast<ssize_t>(len);
}
