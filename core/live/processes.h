// Processes from /proc: who a pid file names, and who holds given sockets.
// /proc is always the host's (the pid namespace vnetctl runs in), never
// below the reader's root. Internal to core/live.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "core/live/host_state.h"

namespace vnet::live {

/// A pid file's content: a positive decimal integer, surrounding whitespace
/// allowed (dnsmasq writes "1234\n").
std::optional<int> ParsePid(std::string_view text);

/// /proc/PID's executable and argv; nullopt if no such process. `exe` stays
/// empty when the link cannot be read (kernel threads).
std::optional<Process> ReadProcess(int pid);

/// For each socket inode, the PIDs with a descriptor on it, found by reading
/// every /proc/PID/fd link (processes that vanish meanwhile are skipped).
std::map<uint64_t, std::vector<int>> PidsHoldingSockets(const std::set<uint64_t>& inodes);

}  // namespace vnet::live
