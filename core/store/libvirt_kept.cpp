#include "core/store/libvirt_kept.h"

#include <algorithm>

#include "core/io/dir.h"

namespace vnet {

namespace {

constexpr size_t kMaxBytes = 16 * 1024 * 1024;

std::string FileOf(const std::string& name) { return name + ".xml"; }

// The name becomes a file name: libvirt's rule (no '/') and no way out of
// the directory or onto another line.
Status CheckName(const std::string& name) {
  if (!name.empty() && name != "." && name != ".." &&
      name.find_first_of(std::string("/\n\0", 3)) == std::string::npos) {
    return OkStatus();
  }
  return MakeError(ErrorKind::kInvalidInput, "invalid network name '" + name + "'");
}

}  // namespace

Status LibvirtKept::Keep(const KeptLibvirtNetwork& net) const {
  VNET_TRY(CheckName(net.name));
  VNET_ASSIGN_OR_RETURN(io::Dir dir, io::Dir::Open(root_, kDir, /*create=*/true));
  VNET_ASSIGN_OR_RETURN(io::Dir autostart, dir.Sub("autostart", /*create=*/true));
  VNET_TRY(dir.WriteFileAtomic(FileOf(net.name), net.xml, 0600));
  if (net.autostart) return autostart.Symlink("../" + FileOf(net.name), FileOf(net.name));
  VNET_TRY(autostart.Remove(FileOf(net.name)));
  return OkStatus();
}

Result<std::optional<KeptLibvirtNetwork>> LibvirtKept::Read(const std::string& name) const {
  VNET_TRY(CheckName(name));
  auto dir = io::Dir::Open(root_, kDir, /*create=*/false);
  if (!dir.ok()) {
    if (dir.error().kind == ErrorKind::kNotFound) return std::optional<KeptLibvirtNetwork>();
    return dir.error();
  }
  VNET_ASSIGN_OR_RETURN(std::optional<std::string> xml, dir->ReadFile(FileOf(name), kMaxBytes));
  if (!xml) return std::optional<KeptLibvirtNetwork>();
  KeptLibvirtNetwork out{name, std::move(*xml), false};
  auto autostart = dir->Sub("autostart", /*create=*/false);
  if (autostart.ok()) {
    VNET_ASSIGN_OR_RETURN(out.autostart, autostart->Exists(FileOf(name)));
  }
  return std::optional<KeptLibvirtNetwork>(std::move(out));
}

Status LibvirtKept::Forget(const std::string& name) const {
  VNET_TRY(CheckName(name));
  auto dir = io::Dir::Open(root_, kDir, /*create=*/false);
  if (!dir.ok()) {
    if (dir.error().kind == ErrorKind::kNotFound) return OkStatus();
    return dir.error();
  }
  auto autostart = dir->Sub("autostart", /*create=*/false);
  if (autostart.ok()) VNET_TRY(autostart->Remove(FileOf(name)));
  VNET_TRY(dir->Remove(FileOf(name)));
  return OkStatus();
}

Result<std::vector<std::string>> LibvirtKept::Names() const {
  std::vector<std::string> names;
  auto dir = io::Dir::Open(root_, kDir, /*create=*/false);
  if (!dir.ok()) {
    if (dir.error().kind == ErrorKind::kNotFound) return names;
    return dir.error();
  }
  VNET_ASSIGN_OR_RETURN(std::vector<std::string> files, dir->List());
  for (const std::string& f : files) {
    if (f.size() > 4 && f.ends_with(".xml")) names.push_back(f.substr(0, f.size() - 4));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string LibvirtKept::PathOf(const std::string& name) const {
  std::string root = root_ == "/" ? "" : root_;
  return root + "/" + std::string(kDir) + "/" + FileOf(name);
}

}  // namespace vnet
