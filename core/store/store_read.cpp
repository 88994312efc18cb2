// Reading the store: listing and lookups.
#include <algorithm>

#include "core/store/store.h"

namespace vnet {

namespace {

constexpr std::string_view kSuffix = ".xml";
constexpr size_t kUuidTextLength = 36;

StoredNetwork* FindByName(std::vector<StoredNetwork>& nets, const std::string& name) {
  for (StoredNetwork& n : nets) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

Error NotFound(std::string_view what, std::string_view value) {
  return MakeError(ErrorKind::kNotFound, "Network not found: no network with matching " +
                                             std::string(what) + " '" + std::string(value) + "'");
}

}  // namespace

std::optional<std::string> NetworkNameOfFile(std::string_view file) {
  if (file.size() <= kSuffix.size() || file.front() == '.') return std::nullopt;
  if (!file.ends_with(kSuffix)) return std::nullopt;
  return std::string(file.substr(0, file.size() - kSuffix.size()));
}

Result<std::optional<Network>> Store::ReadNetwork(const io::Dir& dir, const std::string& file,
                                                  const std::string& name) const {
  VNET_ASSIGN_OR_RETURN(std::optional<std::string> text, dir.ReadFile(file, kMaxFileBytes));
  if (!text) return std::optional<Network>();
  const std::string path = dir.PathOf(file);
  Result<Network> net = parser_(*text, path);
  if (!net.ok()) return net.error();
  if (net->name != name) {
    return MakeError(ErrorKind::kInvalidInput, "internal error: Network config filename '" + path +
                                                   "' does not match network name '" + net->name +
                                                   "'");
  }
  if (!net->uuid) {
    return MakeError(ErrorKind::kInvalidInput,
                     "internal error: Network config file '" + path + "' has no <uuid>");
  }
  return std::optional<Network>(std::move(net).value());
}

Result<bool> Store::IsAutostart(const std::string& name) const {
  auto dir = config_.Sub(kAutostartDir, false);
  if (!dir.ok())
    return dir.error().kind == ErrorKind::kNotFound ? Result<bool>(false) : dir.error();
  return LinksToDefinition(*dir, name);
}

Result<bool> Store::LinksToDefinition(const io::Dir& autostart, const std::string& name) const {
  VNET_ASSIGN_OR_RETURN(std::optional<std::string> target, autostart.ReadLink(name + ".xml"));
  if (!target) return false;
  return *target == AutostartTarget(name) || *target == DefinitionPath(name);
}

Status Store::CollectConfigs(std::vector<StoredNetwork>& out) const {
  VNET_ASSIGN_OR_RETURN(std::vector<std::string> files, config_.List());
  for (const std::string& file : files) {
    std::optional<std::string> name = NetworkNameOfFile(file);
    if (!name) continue;
    auto net = ReadNetwork(config_, file, *name);
    if (!net.ok()) {
      warnings_.push_back(net.error());
      unreadable_.emplace(*name, net.error());
      continue;
    }
    if (!*net) continue;  // vanished since List()
    StoredNetwork entry;
    entry.name = *name;
    entry.uuid = *(*net)->uuid;
    entry.persistent = true;
    entry.config = std::move(*net);
    VNET_ASSIGN_OR_RETURN(entry.autostart, IsAutostart(*name));
    out.push_back(std::move(entry));
  }
  return OkStatus();
}

Status Store::CollectLive(std::vector<StoredNetwork>& out) const {
  auto live_dir = io::Dir::Open(root_, kLiveDir, false);
  if (!live_dir.ok()) {
    return live_dir.error().kind == ErrorKind::kNotFound ? OkStatus() : Status(live_dir.error());
  }
  VNET_ASSIGN_OR_RETURN(std::vector<std::string> files, live_dir->List());
  for (const std::string& file : files) {
    std::optional<std::string> name = NetworkNameOfFile(file);
    if (!name) continue;
    auto net = ReadNetwork(*live_dir, file, *name);
    if (!net.ok()) {
      warnings_.push_back(net.error());
      unreadable_.emplace(*name, net.error());
      continue;
    }
    if (!*net) continue;
    StoredNetwork* entry = FindByName(out, *name);
    if (entry == nullptr) {
      out.push_back(StoredNetwork{});
      entry = &out.back();
      entry->name = *name;
      entry->uuid = *(*net)->uuid;
    }
    entry->active = true;
    entry->live = std::move(*net);
  }
  return OkStatus();
}

Result<std::vector<StoredNetwork>> Store::List() const {
  warnings_.clear();
  unreadable_.clear();
  std::vector<StoredNetwork> nets;
  VNET_TRY(CollectConfigs(nets));
  VNET_TRY(CollectLive(nets));
  VNET_TRY(CollectBooted(nets));
  std::sort(nets.begin(), nets.end(),
            [](const StoredNetwork& a, const StoredNetwork& b) { return a.name < b.name; });
  return nets;
}

// Reads NAME.xml alone (definition and live file) rather than the whole
// store: the same answer List() would give for that name, at the cost of one
// network instead of every one (a store may hold a thousand).
Result<StoredNetwork> Store::LookupByName(std::string_view name) const {
  warnings_.clear();
  const std::string n(name);
  if (n.empty() || n.front() == '.' || n.find('/') != std::string::npos) {
    return NotFound("name", name);  // never a file List() would read
  }
  StoredNetwork entry;
  entry.name = n;
  auto config = ReadNetwork(config_, n + std::string(kSuffix), n);
  std::optional<Error> unreadable;  // a file that exists but cannot be read
  if (!config.ok()) {
    warnings_.push_back(config.error());
    unreadable = config.error();
  } else if (*config) {
    entry.uuid = *(*config)->uuid;
    entry.persistent = true;
    entry.config = std::move(*config);
    VNET_ASSIGN_OR_RETURN(entry.autostart, IsAutostart(n));
  }
  auto live_dir = io::Dir::Open(root_, kLiveDir, false);
  if (!live_dir.ok() && live_dir.error().kind != ErrorKind::kNotFound) return live_dir.error();
  if (live_dir.ok()) {
    auto live = ReadNetwork(*live_dir, n + std::string(kSuffix), n);
    if (!live.ok()) {
      warnings_.push_back(live.error());
      if (!unreadable) unreadable = live.error();
    } else if (*live) {
      if (!entry.persistent) entry.uuid = *(*live)->uuid;
      entry.active = true;
      entry.live = std::move(*live);
    }
  }
  if (entry.persistent && !entry.active) {
    VNET_ASSIGN_OR_RETURN(entry.live, BootedLive(n, entry.uuid, entry.autostart));
    entry.active = entry.live.has_value();
  }
  // Its file exists but cannot be read (not root, a planted link, ...):
  // that, not "not found", is the error.
  if (!entry.persistent && !entry.active) return unreadable ? *unreadable : NotFound("name", name);
  return entry;
}

Result<StoredNetwork> Store::LookupByUuid(std::string_view uuid_text) const {
  std::optional<Uuid> uuid = Uuid::Parse(uuid_text);
  if (uuid) {
    VNET_ASSIGN_OR_RETURN(std::vector<StoredNetwork> nets, List());
    for (StoredNetwork& n : nets) {
      if (n.uuid == *uuid) return std::move(n);
    }
  }
  return NotFound("uuid", uuid_text);
}

Result<StoredNetwork> Store::Lookup(std::string_view name_or_uuid) const {
  if (name_or_uuid.size() == kUuidTextLength) {
    auto by_uuid = LookupByUuid(name_or_uuid);
    if (by_uuid.ok() || by_uuid.error().kind != ErrorKind::kNotFound) return by_uuid;
  }
  return LookupByName(name_or_uuid);
}

}  // namespace vnet
