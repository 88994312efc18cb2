#include "core/live/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

#include "core/io/dir.h"

namespace vnet::live {
namespace {

bool HasDotDot(const std::string& path) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (path.compare(start, end - start, "..") == 0) return true;
    start = end + 1;
  }
  return false;
}

enum class ReadOutcome { kOk, kTooLarge, kFailed };

// Reads fd to EOF, stopping once the content would exceed max_bytes.
ReadOutcome ReadAll(int fd, size_t max_bytes, std::string& out) {
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ReadOutcome::kFailed;
    if (n == 0) return ReadOutcome::kOk;
    if (out.size() + static_cast<size_t>(n) > max_bytes) return ReadOutcome::kTooLarge;
    out.append(buf, static_cast<size_t>(n));
  }
}

Status ReadRegular(const std::string& full, FileState& state) {
  // O_NOFOLLOW: the path was just lstat'ed as a regular file; refuse a link
  // swapped in since.
  int fd = open(full.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return io::SystemError("open", full, errno);
  const ReadOutcome outcome = ReadAll(fd, kMaxFileBytes, state.content);
  const int saved = errno;
  close(fd);
  if (outcome == ReadOutcome::kTooLarge) {
    state.content.clear();
    return MakeError(ErrorKind::kSystem, "'" + full + "' is larger than 16 MiB");
  }
  if (outcome == ReadOutcome::kFailed) return io::SystemError("read", full, saved);
  return OkStatus();
}

Status ReadSymlink(const std::string& full, FileState& state) {
  std::string target(PATH_MAX, '\0');
  ssize_t n = readlink(full.c_str(), target.data(), target.size());
  if (n < 0) return io::SystemError("read link", full, errno);
  target.resize(static_cast<size_t>(n));
  state.symlink_target = std::move(target);
  return OkStatus();
}

}  // namespace

Result<std::string> RootedPath(const std::string& root, const std::string& path) {
  if (path.empty() || path.front() != '/' || HasDotDot(path)) {
    return MakeError(ErrorKind::kInvalidInput,
                     "'" + path + "' is not an absolute path without '..' components");
  }
  return io::JoinPath(root.empty() ? "/" : root, path);
}

Result<FileState> ReadFileState(const std::string& root, const std::string& path) {
  VNET_ASSIGN_OR_RETURN(std::string full, RootedPath(root, path));
  FileState state;
  struct stat st {};
  if (lstat(full.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return state;
    return io::SystemError("stat", full, errno);
  }
  state.exists = true;
  state.mode = st.st_mode & 07777;
  if (S_ISLNK(st.st_mode)) {
    state.is_symlink = true;
    VNET_TRY(ReadSymlink(full, state));
  } else if (S_ISREG(st.st_mode)) {
    VNET_TRY(ReadRegular(full, state));
  }
  return state;
}

std::optional<std::string> ReadSmallFile(const std::string& path, size_t max_bytes) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string content;
  const ReadOutcome outcome = ReadAll(fd, max_bytes, content);
  close(fd);
  if (outcome != ReadOutcome::kOk) return std::nullopt;
  return content;
}

}  // namespace vnet::live
