// Boot records (<root>/var/lib/vnetctl/networks): what makes an autostarted
// network active after a reboot, when /run holds no live file any more. A
// start or apply with the files under /etc keeps the live definition and
// status there too; the network is active again once the manager brought its
// bridge up at boot (StoreOptions::came_up, which reads the live host).
#include "core/store/store.h"

namespace vnet {

namespace {

constexpr std::string_view kXml = ".xml";
constexpr std::string_view kJson = ".json";

// The boot record directory, nullopt when there is none.
Result<std::optional<io::Dir>> OpenBootDir(const std::string& root) {
  auto dir = io::Dir::Open(root, Store::kBootDir, false);
  if (dir.ok()) return std::optional<io::Dir>(std::move(dir).value());
  if (dir.error().kind == ErrorKind::kNotFound) return std::optional<io::Dir>();
  return dir.error();
}

}  // namespace

Result<std::optional<Network>> Store::BootedLive(const std::string& name, const Uuid& uuid,
                                                 bool autostart) const {
  if (!came_up_ || !autostart) return std::optional<Network>();
  VNET_ASSIGN_OR_RETURN(std::optional<io::Dir> dir, OpenBootDir(root_));
  if (!dir) return std::optional<Network>();
  auto net = ReadNetwork(*dir, name + std::string(kXml), name);
  if (!net.ok()) {
    warnings_.push_back(net.error());
    return std::optional<Network>();
  }
  // Another network of that name since (undefined and defined again), or a
  // bridge the manager did not bring up: not this record's network.
  if (!*net || *(*net)->uuid != uuid || !came_up_((*net)->BridgeName())) {
    return std::optional<Network>();
  }
  return net;
}

Status Store::CollectBooted(std::vector<StoredNetwork>& out) const {
  if (!came_up_) return OkStatus();
  for (StoredNetwork& entry : out) {
    if (entry.active || !entry.persistent) continue;
    VNET_ASSIGN_OR_RETURN(std::optional<Network> live,
                          BootedLive(entry.name, entry.uuid, entry.autostart));
    if (!live) continue;
    entry.active = true;
    entry.live = std::move(live);
  }
  return OkStatus();
}

Status Store::AdoptBooted() const {
  if (!came_up_) return OkStatus();
  VNET_ASSIGN_OR_RETURN(std::optional<io::Dir> dir, OpenBootDir(root_));
  if (!dir) return OkStatus();
  VNET_ASSIGN_OR_RETURN(std::vector<std::string> files, dir->List());
  for (const std::string& file : files) {
    std::optional<std::string> name = NetworkNameOfFile(file);
    if (!name) continue;
    auto entry = LookupByName(*name);
    if (!entry.ok() || !entry->active) continue;
    VNET_ASSIGN_OR_RETURN(auto live_dir, io::Dir::Open(root_, kLiveDir, /*create=*/true));
    VNET_ASSIGN_OR_RETURN(bool has_live, live_dir.Exists(file));
    if (has_live) continue;
    VNET_ASSIGN_OR_RETURN(std::optional<std::string> json,
                          dir->ReadFile(*name + std::string(kJson), kMaxFileBytes));
    VNET_ASSIGN_OR_RETURN(std::optional<std::string> xml, dir->ReadFile(file, kMaxFileBytes));
    if (!json || !xml) continue;
    // The status first: a live file without one is a killed start's.
    VNET_TRY(live_dir.WriteFileAtomic(*name + std::string(kJson), *json, 0644));
    VNET_TRY(live_dir.WriteFileAtomic(file, *xml, 0600));
  }
  warnings_.clear();
  return OkStatus();
}

Status Store::SetBootRecord(const Definition& def, std::string_view json) const {
  if (!IsStorableName(def.name)) {
    return MakeError(ErrorKind::kInvalidInput, "invalid network name '" + def.name + "'");
  }
  if (json.empty()) {
    VNET_ASSIGN_OR_RETURN(std::optional<io::Dir> dir, OpenBootDir(root_));
    if (!dir) return OkStatus();
    // The status first: a record without a definition never makes a network active.
    VNET_ASSIGN_OR_RETURN(bool status_removed, dir->Remove(def.name + std::string(kJson)));
    VNET_ASSIGN_OR_RETURN(bool def_removed, dir->Remove(def.name + std::string(kXml)));
    (void)status_removed;
    (void)def_removed;
    return OkStatus();
  }
  VNET_ASSIGN_OR_RETURN(io::Dir dir, io::Dir::Open(root_, kBootDir, /*create=*/true));
  VNET_TRY(dir.WriteFileAtomic(def.name + std::string(kJson), json, 0644));
  return dir.WriteFileAtomic(def.name + std::string(kXml), def.xml, 0600);
}

}  // namespace vnet
