// Listening sockets from /proc/thread-self/net/{udp,udp6,tcp,tcp6}: the
// thread's own network namespace (/proc/self/net would be the main
// thread's). Internal to core/live: callers use HostReader::Listeners.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/live/host_state.h"
#include "core/net/address.h"

namespace vnet::live {

/// One row of a /proc/net/{tcp,udp}[6] table.
struct ProcNetSocket {
  IpAddr addr;
  uint16_t port = 0;
  unsigned state = 0;  // TCP_* numbering (10 = LISTEN, 7 = CLOSE)
  uint64_t inode = 0;
};

/// The TCP state LISTEN in those tables.
inline constexpr unsigned kTcpListen = 10;

/// Rows of one table; the header and lines that do not parse are skipped.
std::vector<ProcNetSocket> ParseProcNet(std::string_view text, Family family);

/// Bound UDP and listening TCP sockets on any of `ports`, with their PIDs.
Result<std::vector<Listener>> ReadListeners(const std::vector<uint16_t>& ports);

}  // namespace vnet::live
