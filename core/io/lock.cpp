#include "core/io/lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace vnet::io {

Result<FileLock> FileLock::Acquire(const Dir& dir, std::string_view name) {
  const std::string file(name);
  int fd = openat(dir.fd(), file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    Error e = SystemError("open lock file", dir.PathOf(name), errno);
    // The lock is the first thing a mutating command touches: say why.
    if (e.kind == ErrorKind::kPermission && geteuid() != 0) {
      e.message += " (commands that change networks must run as root)";
    }
    return e;
  }
  while (flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    close(fd);
    return SystemError("lock", dir.PathOf(name), err);
  }
  return FileLock(fd);
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace vnet::io
