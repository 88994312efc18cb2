#include "core/io/read_input.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "core/io/dir.h"

namespace vnet::io {

namespace {

Error TooLarge(const std::string& path, size_t max_bytes) {
  return MakeError(ErrorKind::kInvalidInput,
                   "'" + path + "' is larger than " + std::to_string(max_bytes) + " bytes");
}

Result<std::string> ReadStream(std::istream& in, const std::string& path, size_t max_bytes) {
  std::string out;
  char buf[65536];
  while (in.read(buf, sizeof(buf)) || in.gcount() > 0) {
    out.append(buf, static_cast<size_t>(in.gcount()));
    if (out.size() > max_bytes) return TooLarge(path, max_bytes);
  }
  if (in.bad()) return MakeError(ErrorKind::kSystem, "cannot read '" + path + "'");
  return out;
}

Result<std::string> ReadFd(int fd, const std::string& path, size_t max_bytes) {
  std::string out;
  char buf[65536];
  while (true) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SystemError("read", path, errno);
    if (n == 0) return out;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > max_bytes) return TooLarge(path, max_bytes);
  }
}

}  // namespace

Result<std::string> ReadInput(const std::string& path, std::istream* in, size_t max_bytes) {
  Result<std::string> text = std::string();
  if (path == "-") {
    if (in == nullptr) return MakeError(ErrorKind::kSystem, "cannot read '-': no standard input");
    text = ReadStream(*in, path, max_bytes);
  } else {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return SystemError("open", path, errno);
    text = ReadFd(fd, path, max_bytes);
    close(fd);
  }
  if (text.ok() && text->find('\0') != std::string::npos) {
    return MakeError(ErrorKind::kInvalidInput, "'" + path + "' contains a NUL byte");
  }
  return text;
}

}  // namespace vnet::io
