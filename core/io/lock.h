// An exclusive advisory lock (flock) held for the whole of a mutating command,
// so that concurrent vnetctl processes never interleave their writes.
#pragma once

#include <string_view>

#include "core/error.h"
#include "core/io/dir.h"

namespace vnet::io {

class FileLock {
 public:
  /// Opens (creating, mode 0600, never through a symbolic link) `name` in `dir`
  /// and blocks until flock(LOCK_EX) is granted.
  static Result<FileLock> Acquire(const Dir& dir, std::string_view name);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  /// Releases the lock (closing the descriptor releases it).
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace vnet::io
