// A directory handle for the files vnetctl owns. Every operation is relative to
// an open directory descriptor (openat and friends), so that a path component
// swapped for a symbolic link after the directory was opened cannot redirect a
// write. Symbolic links are never followed below the root the caller names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace vnet::io {

class Dir {
 public:
  /// Opens `root`/`rel` (rel: "etc/vnetctl/networks"). `root` itself may be a
  /// symbolic link (the caller chose it); every component of `rel` must be a
  /// real directory. With `create`, missing components are made with mode 0755.
  /// A missing directory without `create` is a kNotFound error.
  static Result<Dir> Open(const std::string& root, std::string_view rel, bool create);

  Dir(Dir&& other) noexcept;
  Dir& operator=(Dir&& other) noexcept;
  Dir(const Dir&) = delete;
  Dir& operator=(const Dir&) = delete;
  ~Dir();

  /// The directory's path as given to Open (root joined with rel), for messages.
  const std::string& path() const { return path_; }
  std::string PathOf(std::string_view name) const;
  int fd() const { return fd_; }

  /// Opens the subdirectory `name` (never through a symbolic link).
  Result<Dir> Sub(std::string_view name, bool create) const;

  /// The file's content, or nullopt if it does not exist. Refuses symbolic
  /// links, non-regular files and files larger than `max_bytes`.
  Result<std::optional<std::string>> ReadFile(std::string_view name, size_t max_bytes) const;

  /// Replaces `name` atomically: a temporary file in this directory created with
  /// O_CREAT|O_EXCL|O_NOFOLLOW and `mode`, written, fsync'ed, renamed over
  /// `name`, then the directory is fsync'ed. Refuses when `name` is a symbolic
  /// link or not a regular file. On failure `name` is unchanged. Temporary
  /// files of `name` that an earlier, killed write left behind are removed
  /// first (also by Symlink and Remove).
  Status WriteFileAtomic(std::string_view name, std::string_view content, unsigned mode) const;

  /// Creates or replaces the symbolic link `name` -> `target` atomically.
  Status Symlink(std::string_view target, std::string_view name) const;
  /// The target of the symbolic link `name`; nullopt if `name` does not exist
  /// or is not a symbolic link.
  Result<std::optional<std::string>> ReadLink(std::string_view name) const;

  /// Removes the file or link `name`; true if it existed.
  Result<bool> Remove(std::string_view name) const;
  /// Whether `name` exists (without following a final symbolic link).
  Result<bool> Exists(std::string_view name) const;
  /// Names of the entries, without "." and "..", sorted.
  Result<std::vector<std::string>> List() const;

 private:
  Dir(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  Status FsyncSelf() const;

  int fd_ = -1;
  std::string path_;
};

/// An Error for a failed system call on `path` (EACCES/EPERM/EROFS are
/// kPermission, the rest kSystem): "cannot WHAT 'PATH': strerror".
Error SystemError(std::string_view what, const std::string& path, int errnum);

/// Joins a directory path and a name with exactly one '/'.
std::string JoinPath(std::string_view dir, std::string_view name);

}  // namespace vnet::io
