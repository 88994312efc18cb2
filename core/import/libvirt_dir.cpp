// A directory in libvirt's layout, read without libvirt: what an image builder
// or someone with only a backup of /etc/libvirt/qemu/networks has.
#include <algorithm>
#include <filesystem>

#include "core/import/libvirt_source.h"
#include "core/io/dir.h"

namespace vnet::import {

namespace {

constexpr size_t kMaxDefinitionBytes = 16 * 1024 * 1024;  // as the store's limit

std::string NameOf(const std::string& file) {
  constexpr std::string_view kSuffix = ".xml";
  if (file.size() <= kSuffix.size() || !file.ends_with(kSuffix)) return "";
  return file.substr(0, file.size() - kSuffix.size());
}

// The directory relative to `root`: Dir::Open wants no leading '/'.
std::string RelativeToRoot(const std::string& root, const std::string& dir) {
  std::string abs = dir;
  if (root == "/" && !dir.starts_with('/')) abs = std::filesystem::absolute(dir).string();
  size_t start = abs.find_first_not_of('/');
  return start == std::string::npos ? "" : abs.substr(start);
}

Result<std::vector<std::string>> AutostartNames(const io::Dir& dir) {
  std::vector<std::string> names;
  VNET_ASSIGN_OR_RETURN(bool has, dir.Exists("autostart"));
  if (!has) return names;
  VNET_ASSIGN_OR_RETURN(io::Dir links, dir.Sub("autostart", /*create=*/false));
  VNET_ASSIGN_OR_RETURN(std::vector<std::string> entries, links.List());
  for (const std::string& e : entries) {
    if (!NameOf(e).empty()) names.push_back(NameOf(e));
  }
  return names;
}

}  // namespace

Result<std::vector<SourceNetwork>> ReadLibvirtDir(const std::string& root, const std::string& dir) {
  VNET_ASSIGN_OR_RETURN(io::Dir d, io::Dir::Open(root, RelativeToRoot(root, dir), false));
  VNET_ASSIGN_OR_RETURN(std::vector<std::string> autostart, AutostartNames(d));
  VNET_ASSIGN_OR_RETURN(std::vector<std::string> entries, d.List());
  std::vector<SourceNetwork> out;
  for (const std::string& file : entries) {
    std::string name = NameOf(file);
    if (name.empty()) continue;
    VNET_ASSIGN_OR_RETURN(std::optional<std::string> text, d.ReadFile(file, kMaxDefinitionBytes));
    if (!text) continue;  // gone meanwhile
    SourceNetwork n;
    n.name = name;
    n.xml = std::move(*text);
    n.origin = d.PathOf(file);
    n.autostart = std::find(autostart.begin(), autostart.end(), name) != autostart.end();
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace vnet::import
