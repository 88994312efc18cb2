// Files as they are on disk, below a root directory, without following
// symbolic links. Internal to core/live: callers use HostReader::ReadFile.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/live/host_state.h"

namespace vnet::live {

/// Files larger than this are refused rather than read into memory.
inline constexpr size_t kMaxFileBytes = 16 * 1024 * 1024;

/// `root` joined with the absolute `path`; an error if `path` is relative or
/// has a ".." component (either could escape `root`).
Result<std::string> RootedPath(const std::string& root, const std::string& path);

/// lstat() of root+path: content of a regular file, target of a symbolic link,
/// permission bits; exists=false when it is missing.
Result<FileState> ReadFileState(const std::string& root, const std::string& path);

/// The whole of a small file such as one under /proc (read until EOF, since
/// /proc files report size 0); nullopt if it cannot be opened or read.
std::optional<std::string> ReadSmallFile(const std::string& path, size_t max_bytes = kMaxFileBytes);

}  // namespace vnet::live
