#include "core/apply/host_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/io/dir.h"

namespace vnet::apply {

namespace {

namespace fs = std::filesystem;

// "/run/systemd/network/x" -> {"run/systemd/network", "x"}; refuses paths
// that are not absolute or climb with "..".
Result<std::pair<std::string, std::string>> Split(const std::string& path) {
  fs::path p(path);
  if (!p.is_absolute() || path.find("/../") != std::string::npos || path.ends_with("/..") ||
      !p.has_filename()) {
    return MakeError(ErrorKind::kInvalidInput, "refusing to write unsafe path '" + path + "'");
  }
  return std::make_pair(p.parent_path().relative_path().string(), p.filename().string());
}

class SystemHostWriter : public HostWriter {
 public:
  explicit SystemHostWriter(std::string root) : root_(std::move(root)) {}

  Status Write(const RenderedFile& f) override {
    VNET_ASSIGN_OR_RETURN(auto parts, Split(f.path));
    VNET_ASSIGN_OR_RETURN(io::Dir dir, io::Dir::Open(root_, parts.first, /*create=*/true));
    if (!f.symlink_target.empty()) return dir.Symlink(f.symlink_target, parts.second);
    // vnetctl writes no link where it writes a file: a link there is someone
    // else's, and WriteFileAtomic refuses it (neither followed nor removed).
    return dir.WriteFileAtomic(parts.second, f.content, f.mode);
  }

  Status Remove(const std::string& path) override {
    VNET_ASSIGN_OR_RETURN(auto parts, Split(path));
    auto dir = io::Dir::Open(root_, parts.first, /*create=*/false);
    if (!dir.ok())
      return dir.error().kind == ErrorKind::kNotFound ? OkStatus() : Status(dir.error());
    VNET_ASSIGN_OR_RETURN(bool removed, dir->Remove(parts.second));
    (void)removed;
    return OkStatus();
  }

  Status WriteSysctl(const std::string& key, const std::string& value) override {
    if (key.find("..") != std::string::npos ||
        key.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-") !=
            std::string::npos) {
      return MakeError(ErrorKind::kInvalidInput, "invalid sysctl '" + key + "'");
    }
    std::string path = "/proc/sys/" + key;
    int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return MakeError(ErrorKind::kSystem, path + ": " + std::strerror(errno));
    bool ok = write(fd, value.data(), value.size()) == static_cast<ssize_t>(value.size());
    int saved = errno;
    close(fd);
    if (!ok) return MakeError(ErrorKind::kSystem, path + ": " + std::strerror(saved));
    return OkStatus();
  }

 private:
  std::string root_;
};

}  // namespace

Status HostWriter::Restore(const std::string& path, const live::FileState& state) {
  if (!state.exists) return Remove(path);
  return Write(
      RenderedFile(path, state.content, state.mode, state.is_symlink ? state.symlink_target : ""));
}

std::unique_ptr<HostWriter> MakeSystemHostWriter(const std::string& root) {
  return std::make_unique<SystemHostWriter>(root);
}

Status RecordingHostWriter::Write(const RenderedFile& f) {
  actions.push_back("write " + f.path);
  return OkStatus();
}

Status RecordingHostWriter::Remove(const std::string& path) {
  actions.push_back("remove " + path);
  return OkStatus();
}

Status RecordingHostWriter::WriteSysctl(const std::string& key, const std::string& value) {
  actions.push_back("sysctl " + key + "=" + value);
  return OkStatus();
}

}  // namespace vnet::apply
