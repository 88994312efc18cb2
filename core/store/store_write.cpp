// Changing the store: define, undefine, autostart.
#include "core/store/store.h"
#include "core/validate/libvirt_error.h"

namespace vnet {

namespace {

Error OperationInvalid(const std::string& message) {
  return LibvirtError(LibvirtCode::kOperationInvalid, message);
}

}  // namespace

Status Store::CheckDefinable(const std::string& name, const Uuid& uuid, bool replacing) const {
  VNET_ASSIGN_OR_RETURN(std::vector<NetworkSummary> nets, Summaries());
  for (const NetworkSummary& n : nets) {
    if (n.uuid == uuid && n.name != name) {
      return MakeError(ErrorKind::kOperationInvalid, "operation failed: network '" + n.name +
                                                         "' is already defined with uuid " +
                                                         n.uuid.ToString());
    }
  }
  for (const NetworkSummary& n : nets) {
    if (n.name == name && n.uuid != uuid && !replacing) {
      return MakeError(
          ErrorKind::kOperationInvalid,
          "operation failed: network '" + name + "' already exists with uuid " + n.uuid.ToString());
    }
  }
  return OkStatus();
}

Status Store::Define(const Definition& def) const {
  if (!IsStorableName(def.name)) {
    return MakeError(ErrorKind::kInvalidInput, "invalid network name '" + def.name + "'");
  }
  VNET_TRY(CheckDefinable(def.name, def.uuid));
  return config_.WriteFileAtomic(def.name + ".xml", DefinitionFileContent(def.name, def.xml), 0600);
}

Status Store::Undefine(const std::string& name) const {
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, LookupByName(name));
  if (!net.persistent) return OperationInvalid("can't undefine transient network");
  auto autostart = config_.Sub(kAutostartDir, false);
  if (autostart.ok()) {
    VNET_TRY(autostart->Remove(name + ".xml"));
  } else if (autostart.error().kind != ErrorKind::kNotFound) {
    return autostart.error();
  }
  VNET_ASSIGN_OR_RETURN(bool removed, config_.Remove(name + ".xml"));
  (void)removed;
  return OkStatus();
}

Status Store::SetAutostart(const std::string& name, bool autostart) const {
  VNET_ASSIGN_OR_RETURN(StoredNetwork net, LookupByName(name));
  if (!net.persistent) return OperationInvalid("cannot set autostart for transient network");
  VNET_ASSIGN_OR_RETURN(io::Dir dir, config_.Sub(kAutostartDir, true));
  if (autostart) return dir.Symlink(AutostartTarget(name), name + ".xml");
  VNET_ASSIGN_OR_RETURN(bool removed, dir.Remove(name + ".xml"));
  (void)removed;
  return OkStatus();
}

Status Store::SetLive(const Definition& def) const {
  if (!IsStorableName(def.name)) {
    return MakeError(ErrorKind::kInvalidInput, "invalid network name '" + def.name + "'");
  }
  VNET_ASSIGN_OR_RETURN(io::Dir dir, io::Dir::Open(root_, kLiveDir, /*create=*/true));
  return dir.WriteFileAtomic(def.name + ".xml", def.xml, 0600);
}

Status Store::ClearLive(const std::string& name) const {
  VNET_TRY(SetBootRecord(Definition{name, {}, {}}, ""));
  auto dir = io::Dir::Open(root_, kLiveDir, /*create=*/false);
  if (!dir.ok()) return dir.error().kind == ErrorKind::kNotFound ? OkStatus() : Status(dir.error());
  VNET_ASSIGN_OR_RETURN(bool status_removed, dir->Remove(name + ".json"));
  VNET_ASSIGN_OR_RETURN(bool live_removed, dir->Remove(name + ".xml"));
  (void)status_removed;
  (void)live_removed;
  return OkStatus();
}

Result<std::optional<std::string>> Store::ReadStatus(const std::string& name) const {
  auto dir = io::Dir::Open(root_, kLiveDir, /*create=*/false);
  if (!dir.ok() && dir.error().kind != ErrorKind::kNotFound) return dir.error();
  if (dir.ok()) {
    VNET_ASSIGN_OR_RETURN(bool live, dir->Exists(name + ".xml"));
    if (live) return dir->ReadFile(name + ".json", kMaxFileBytes);
  }
  // No live file: active, if at all, from the boot record (after a reboot).
  auto boot = io::Dir::Open(root_, kBootDir, /*create=*/false);
  if (!boot.ok()) {
    if (boot.error().kind == ErrorKind::kNotFound) return std::optional<std::string>();
    return boot.error();
  }
  return boot->ReadFile(name + ".json", kMaxFileBytes);
}

Status Store::WriteStatus(const std::string& name, std::string_view json) const {
  if (!IsStorableName(name)) {
    return MakeError(ErrorKind::kInvalidInput, "invalid network name '" + name + "'");
  }
  VNET_ASSIGN_OR_RETURN(io::Dir dir, io::Dir::Open(root_, kLiveDir, /*create=*/true));
  return dir.WriteFileAtomic(name + ".json", json, 0644);
}

}  // namespace vnet
