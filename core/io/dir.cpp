#include "core/io/dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/io/crash_point.h"

namespace vnet::io {

namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
constexpr int kTempAttempts = 16;

std::vector<std::string> SplitComponents(std::string_view rel) {
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= rel.size()) {
    size_t slash = rel.find('/', pos);
    if (slash == std::string_view::npos) slash = rel.size();
    std::string_view part = rel.substr(pos, slash - pos);
    if (!part.empty() && part != ".") parts.emplace_back(part);
    pos = slash + 1;
  }
  return parts;
}

Error SymlinkRefused(std::string_view what, const std::string& path) {
  return MakeError(ErrorKind::kSystem,
                   "refusing to " + std::string(what) + " '" + path + "': it is a symbolic link");
}

bool IsSymlinkAt(int dirfd, const std::string& name) {
  struct stat st {};
  return fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
}

// Opens the directory `name` below `dirfd`, creating it if asked.
Result<int> OpenComponent(int dirfd, const std::string& name, const std::string& path,
                          bool create) {
  if (name == "..") return MakeError(ErrorKind::kSystem, "refusing '..' in path '" + path + "'");
  int fd = openat(dirfd, name.c_str(), kDirFlags | O_NOFOLLOW);
  bool made = false;
  if (fd < 0 && errno == ENOENT && create) {
    made = mkdirat(dirfd, name.c_str(), 0755) == 0;
    if (!made && errno != EEXIST) return SystemError("create directory", path, errno);
    fd = openat(dirfd, name.c_str(), kDirFlags | O_NOFOLLOW);
  }
  // 0755 whatever the umask: a root shell's umask 077 would otherwise keep
  // the managers (networkd, dnsmasq after dropping root) out of the files.
  if (fd >= 0 && made && fchmod(fd, 0755) != 0) {
    int err = errno;
    close(fd);
    return SystemError("chmod directory", path, err);
  }
  if (fd >= 0) return fd;
  int err = errno;
  if ((err == ELOOP || err == ENOTDIR) && IsSymlinkAt(dirfd, name)) {
    return SymlinkRefused("use directory", path);
  }
  if (err == ENOENT) {
    return MakeError(ErrorKind::kNotFound, "directory '" + path + "' does not exist");
  }
  return SystemError("open directory", path, err);
}

std::string RandomSuffix() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[8] = {};
  if (getrandom(bytes, sizeof(bytes), 0) != static_cast<ssize_t>(sizeof(bytes))) {
    // Uniqueness comes from O_EXCL; randomness only avoids retries.
    std::memcpy(bytes, &errno, sizeof(int));
  }
  std::string out;
  for (unsigned char b : bytes) out += kAlphabet[b % (sizeof(kAlphabet) - 1)];
  return out;
}

std::string TempPrefix(const std::string& file) { return "." + file + ".tmp"; }

// Removes the temporary files an earlier, killed write of `file` left behind
// (TempPrefix + random suffix). Writers hold the store lock, so no other
// write of the same file is in progress.
void RemoveStaleTemps(int dirfd, const std::string& file) {
  int fd = dup(dirfd);
  if (fd < 0) return;
  DIR* dir = fdopendir(fd);
  if (dir == nullptr) {
    close(fd);
    return;
  }
  rewinddir(dir);
  const std::string prefix = TempPrefix(file);
  std::vector<std::string> stale;
  while (const dirent* entry = readdir(dir)) {
    std::string_view n = entry->d_name;
    if (n.size() == prefix.size() + 8 && n.starts_with(prefix)) stale.emplace_back(n);
  }
  closedir(dir);
  for (const std::string& n : stale) unlinkat(dirfd, n.c_str(), 0);
}

Status WriteAll(int fd, std::string_view content, const std::string& path) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SystemError("write", path, errno);
    done += static_cast<size_t>(n);
  }
  return OkStatus();
}

Result<std::string> ReadAll(int fd, size_t max_bytes, const std::string& path) {
  std::string out;
  char buf[65536];
  while (true) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SystemError("read", path, errno);
    if (n == 0) return out;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > max_bytes) {
      return MakeError(ErrorKind::kInvalidInput, "file '" + path + "' is larger than " +
                                                     std::to_string(max_bytes) + " bytes");
    }
  }
}

}  // namespace

Error SystemError(std::string_view what, const std::string& path, int errnum) {
  ErrorKind kind = ErrorKind::kSystem;
  if (errnum == EACCES || errnum == EPERM || errnum == EROFS) kind = ErrorKind::kPermission;
  return MakeError(kind,
                   "cannot " + std::string(what) + " '" + path + "': " + std::strerror(errnum));
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (out.empty() || out.back() != '/') out += '/';
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  out += name;
  return out;
}

Result<Dir> Dir::Open(const std::string& root, std::string_view rel, bool create) {
  int fd = open(root.c_str(), kDirFlags);
  if (fd < 0) {
    if (errno == ENOENT) {
      return MakeError(ErrorKind::kNotFound, "directory '" + root + "' does not exist");
    }
    return SystemError("open directory", root, errno);
  }
  Dir dir(fd, root);
  for (const std::string& part : SplitComponents(rel)) {
    VNET_ASSIGN_OR_RETURN(Dir sub, dir.Sub(part, create));
    dir = std::move(sub);
  }
  return dir;
}

Dir::Dir(Dir&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) { other.fd_ = -1; }

Dir& Dir::operator=(Dir&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    other.fd_ = -1;
  }
  return *this;
}

Dir::~Dir() {
  if (fd_ >= 0) close(fd_);
}

std::string Dir::PathOf(std::string_view name) const { return JoinPath(path_, name); }

Result<Dir> Dir::Sub(std::string_view name, bool create) const {
  std::string path = PathOf(name);
  VNET_ASSIGN_OR_RETURN(int fd, OpenComponent(fd_, std::string(name), path, create));
  return Dir(fd, std::move(path));
}

Result<std::optional<std::string>> Dir::ReadFile(std::string_view name, size_t max_bytes) const {
  const std::string file(name);
  const std::string path = PathOf(name);
  int fd = openat(fd_, file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    if (errno == ELOOP) return SymlinkRefused("read", path);
    return SystemError("open", path, errno);
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return MakeError(ErrorKind::kSystem, "refusing to read '" + path + "': not a regular file");
  }
  Result<std::string> text = ReadAll(fd, max_bytes, path);
  close(fd);
  if (!text.ok()) return text.error();
  return std::optional<std::string>(std::move(text).value());
}

Status Dir::WriteFileAtomic(std::string_view name, std::string_view content, unsigned mode) const {
  const std::string file(name);
  const std::string path = PathOf(name);
  struct stat st {};
  if (fstatat(fd_, file.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISLNK(st.st_mode)) return SymlinkRefused("write", path);
    if (!S_ISREG(st.st_mode)) {
      return MakeError(ErrorKind::kSystem, "refusing to write '" + path + "': not a regular file");
    }
  }
  RemoveStaleTemps(fd_, file);
  std::string temp;
  int fd = -1;
  for (int i = 0; i < kTempAttempts && fd < 0; ++i) {
    temp = TempPrefix(file) + RandomSuffix();
    fd = openat(fd_, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0 && errno != EEXIST) return SystemError("create", PathOf(temp), errno);
  }
  if (fd < 0) return SystemError("create", PathOf(temp), EEXIST);
  Status status = OkStatus();
  if (fchmod(fd, mode) != 0) status = SystemError("chmod", PathOf(temp), errno);
  if (status.ok()) status = WriteAll(fd, content, PathOf(temp));
  if (status.ok() && fsync(fd) != 0) status = SystemError("fsync", PathOf(temp), errno);
  if (close(fd) != 0 && status.ok()) status = SystemError("close", PathOf(temp), errno);
  if (status.ok()) CrashPoint("temp-written:" + file);
  if (status.ok() && renameat(fd_, temp.c_str(), fd_, file.c_str()) != 0) {
    status = SystemError("rename into", path, errno);
  }
  if (!status.ok()) {
    unlinkat(fd_, temp.c_str(), 0);
    return status;
  }
  CrashPoint("renamed:" + file);
  return FsyncSelf();
}

Status Dir::Symlink(std::string_view target, std::string_view name) const {
  const std::string file(name);
  const std::string dest(target);
  RemoveStaleTemps(fd_, file);
  std::string temp;
  int rc = -1;
  for (int i = 0; i < kTempAttempts && rc != 0; ++i) {
    temp = TempPrefix(file) + RandomSuffix();
    rc = symlinkat(dest.c_str(), fd_, temp.c_str());
    if (rc != 0 && errno != EEXIST) return SystemError("create link", PathOf(temp), errno);
  }
  if (rc != 0) return SystemError("create link", PathOf(temp), EEXIST);
  CrashPoint("link-created:" + file);
  if (renameat(fd_, temp.c_str(), fd_, file.c_str()) != 0) {
    int err = errno;
    unlinkat(fd_, temp.c_str(), 0);
    return SystemError("create link", PathOf(name), err);
  }
  CrashPoint("link-renamed:" + file);
  return FsyncSelf();
}

Result<std::optional<std::string>> Dir::ReadLink(std::string_view name) const {
  const std::string file(name);
  char buf[4096];
  ssize_t n = readlinkat(fd_, file.c_str(), buf, sizeof(buf));
  if (n < 0) {
    if (errno == ENOENT || errno == EINVAL) return std::optional<std::string>();
    return SystemError("read link", PathOf(name), errno);
  }
  return std::optional<std::string>(std::string(buf, static_cast<size_t>(n)));
}

Result<bool> Dir::Remove(std::string_view name) const {
  const std::string file(name);
  RemoveStaleTemps(fd_, file);
  if (unlinkat(fd_, file.c_str(), 0) != 0) {
    if (errno == ENOENT) return false;
    return SystemError("remove", PathOf(name), errno);
  }
  CrashPoint("removed:" + file);
  VNET_TRY(FsyncSelf());
  return true;
}

Result<bool> Dir::Exists(std::string_view name) const {
  const std::string file(name);
  struct stat st {};
  if (fstatat(fd_, file.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) return true;
  if (errno == ENOENT) return false;
  return SystemError("stat", PathOf(name), errno);
}

Result<std::vector<std::string>> Dir::List() const {
  int fd = dup(fd_);
  if (fd < 0) return SystemError("read directory", path_, errno);
  DIR* dir = fdopendir(fd);
  if (dir == nullptr) {
    int err = errno;
    close(fd);
    return SystemError("read directory", path_, err);
  }
  rewinddir(dir);  // the duplicate shares its offset with fd_
  std::vector<std::string> names;
  while (const dirent* entry = readdir(dir)) {
    std::string_view n = entry->d_name;
    if (n != "." && n != "..") names.emplace_back(n);
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

Status Dir::FsyncSelf() const {
  if (fsync(fd_) != 0) return SystemError("fsync directory", path_, errno);
  return OkStatus();
}

}  // namespace vnet::io
