// Opening the store, and seeding a new one.
#include "core/store/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "core/io/crash_point.h"

namespace vnet {

namespace {

constexpr std::string_view kConfigParent = "etc/vnetctl";
constexpr std::string_view kConfigLeaf = "networks";
constexpr std::string_view kSeedTemp = ".networks.new";

Result<io::FileLock> AcquireStoreLock(const std::string& root) {
  VNET_ASSIGN_OR_RETURN(io::Dir run, io::Dir::Open(root, Store::kRunDir, true));
  return io::FileLock::Acquire(run, Store::kLockName);
}

// Removes a half-made seed directory left by an interrupted earlier run.
void RemoveStaleSeed(const io::Dir& parent) {
  auto stale = parent.Sub(kSeedTemp, false);
  if (!stale.ok()) return;
  auto names = stale->List();
  if (names.ok()) {
    for (const std::string& n : *names) unlinkat(stale->fd(), n.c_str(), 0);
  }
  unlinkat(stale->fd(), std::string(Store::kAutostartDir).c_str(), AT_REMOVEDIR);
  unlinkat(parent.fd(), std::string(kSeedTemp).c_str(), AT_REMOVEDIR);
}

// Builds the seeded directory under a temporary name, then renames it into
// place so that no reader ever sees a store without its built-in networks.
Status SeedConfigDir(const io::Dir& parent, const StoreOptions& options) {
  RemoveStaleSeed(parent);
  std::vector<Definition> defs;
  if (options.seed) {
    VNET_ASSIGN_OR_RETURN(defs, options.seed());
  }
  VNET_ASSIGN_OR_RETURN(io::Dir temp, parent.Sub(kSeedTemp, true));
  for (const Definition& def : defs) {
    if (!IsStorableName(def.name)) {
      return MakeError(ErrorKind::kInvalidInput, "invalid network name '" + def.name + "'");
    }
    VNET_TRY(
        temp.WriteFileAtomic(def.name + ".xml", DefinitionFileContent(def.name, def.xml), 0600));
  }
  const std::string from(kSeedTemp);
  const std::string to(kConfigLeaf);
  io::CrashPoint("seed-populated");
  if (renameat(parent.fd(), from.c_str(), parent.fd(), to.c_str()) != 0) {
    return io::SystemError("rename into", parent.PathOf(to), errno);
  }
  if (fsync(parent.fd()) != 0) return io::SystemError("fsync directory", parent.path(), errno);
  return OkStatus();
}

Status EnsureConfigDir(const StoreOptions& options) {
  VNET_ASSIGN_OR_RETURN(io::Dir parent, io::Dir::Open(options.root, kConfigParent, true));
  VNET_ASSIGN_OR_RETURN(bool exists, parent.Exists(kConfigLeaf));
  if (exists) return OkStatus();
  return SeedConfigDir(parent, options);
}

}  // namespace

Result<Store> Store::Open(StoreOptions options) {
  std::optional<io::FileLock> lock;
  if (options.lock) {
    VNET_ASSIGN_OR_RETURN(lock, AcquireStoreLock(options.root));
  }
  auto config = io::Dir::Open(options.root, kConfigDir, false);
  if (!config.ok() && config.error().kind == ErrorKind::kNotFound) {
    std::optional<io::FileLock> seed_lock;
    if (!lock) {
      VNET_ASSIGN_OR_RETURN(seed_lock, AcquireStoreLock(options.root));
    }
    VNET_TRY(EnsureConfigDir(options));
    config = io::Dir::Open(options.root, kConfigDir, false);
  }
  if (!config.ok()) return config.error();
  Store store(options.root, std::move(options.parser), std::move(config).value());
  store.lock_ = std::move(lock);
  store.came_up_ = std::move(options.came_up);
  if (store.lock_) {
    VNET_TRY(store.AdoptBooted());
  }
  return store;
}

std::string Store::DefinitionPath(const std::string& name) const {
  return config_.PathOf(name + ".xml");
}

std::string DefinitionFileContent(const std::string& name, std::string_view xml) {
  std::string out =
      "<!--\n"
      "WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
      "OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n"
      "  vnetctl edit ";
  out += name;
  out +=
      "\n"
      "or other application using the libvirt API.\n"
      "-->\n\n";
  out += xml;
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

std::string AutostartTarget(const std::string& name) {
  return "/" + std::string(Store::kConfigDir) + "/" + name + ".xml";
}

bool IsStorableName(std::string_view name) {
  if (name.empty() || name.front() == '.') return false;
  for (char c : name) {
    if (c == '/' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace vnet
