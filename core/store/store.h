// The definition store: libvirt's on-disk layout under a --root.
//
//   <root>/etc/vnetctl/networks/NAME.xml            persistent definition (inactive
//                                                   format, warning header, 0600)
//   <root>/etc/vnetctl/networks/autostart/NAME.xml  symlink -> /etc/vnetctl/networks/NAME.xml
//   <root>/run/vnetctl/networks/NAME.xml            live definition of an active network
//   <root>/run/vnetctl/lock                         flock(LOCK_EX) of mutating commands
//   <root>/var/lib/vnetctl/networks/NAME.xml, .json the boot record: the live definition
//                                                   and status of a network started
//                                                   with its files under /etc (autostart)
//
// /run is empty after a reboot, but the manager brings an autostarted
// network's bridge back from its files under /etc: the boot record, which
// survives the reboot, tells what it brought back. So a network is active iff
// its live file exists, or (no live file) it is persistent, autostarted, has
// a boot record of the same uuid, and StoreOptions::came_up says the host has
// its bridge up; persistent iff its definition
// exists, transient iff active and not persistent. Autostart = the link exists
// and points at the definition (the in-root absolute path, or the same path
// prefixed with the root). Every write is atomic (temp file, fsync, rename,
// fsync of the directory) and never follows a symbolic link below the root.
//
// The store holds already-formatted XML: callers parse, validate and format;
// the store only reads files back through the parser it is given.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/io/dir.h"
#include "core/io/lock.h"
#include "core/model/network.h"

namespace vnet {

/// What the store knows about one network.
struct StoredNetwork {
  std::string name;
  Uuid uuid;
  bool persistent = false;
  bool active = false;
  bool autostart = false;
  std::optional<Network> config;  // the persistent definition
  std::optional<Network> live;    // the live definition, when active

  /// What `dumpxml` shows: the live definition when active, else the config.
  const Network& Current() const { return live ? *live : *config; }
  /// What `dumpxml --inactive` and `edit` use: the config, else (transient) the live one.
  const Network& Persistent() const { return config ? *config : *live; }
  /// Bridge name of Current(), empty if none.
  const std::string& Bridge() const { return Current().BridgeName(); }
};

/// What `list` shows and what the uniqueness checks need of every network,
/// without its whole definition.
struct NetworkSummary {
  std::string name;
  Uuid uuid;
  bool persistent = false;
  bool active = false;
  bool autostart = false;
  std::string config_bridge;  // bridge of the persistent definition, "" if none
  std::string live_bridge;    // bridge of the live definition, when active

  /// Bridge of the definition `dumpxml` shows (StoredNetwork::Bridge()).
  const std::string& Bridge() const { return active ? live_bridge : config_bridge; }
};

struct SummaryCache;

/// One definition to store: `xml` is the formatted inactive document.
struct Definition {
  std::string name;
  Uuid uuid;
  std::string xml;
};

using NetworkParser = std::function<Result<Network>(std::string_view text, const std::string&)>;

struct StoreOptions {
  std::string root = "/";
  /// Reads stored files back (xml::ParseNetwork in production).
  NetworkParser parser;
  /// Makes the built-in definitions written when the store directory does not
  /// exist yet (the `default` network, like libvirt's package install). May be
  /// empty: then a new store starts empty.
  std::function<Result<std::vector<Definition>>()> seed;
  /// Take the store lock in Open and hold it for the Store's lifetime
  /// (mutating commands).
  bool lock = false;
  /// Whether the live host has this bridge up: an autostarted network with a
  /// boot record and no live file is active when it does. Empty (under
  /// --root): boot records never make a network active.
  std::function<bool(const std::string& bridge)> came_up;
};

class Store {
 public:
  static constexpr std::string_view kConfigDir = "etc/vnetctl/networks";
  static constexpr std::string_view kAutostartDir = "autostart";
  static constexpr std::string_view kRunDir = "run/vnetctl";
  static constexpr std::string_view kLiveDir = "run/vnetctl/networks";
  static constexpr std::string_view kBootDir = "var/lib/vnetctl/networks";
  static constexpr std::string_view kLockName = "lock";
  static constexpr size_t kMaxFileBytes = 16 * 1024 * 1024;

  /// Opens the store under options.root. When <root>/etc/vnetctl/networks does
  /// not exist it is created (under the lock, fully populated before it becomes
  /// visible) holding options.seed's definitions.
  static Result<Store> Open(StoreOptions options);

  /// Every network, sorted by name (byte order). Files that cannot be read or
  /// parsed are skipped and reported in Warnings().
  Result<std::vector<StoredNetwork>> List() const;
  /// List()'s networks, order and warnings, summarized. Each file's uuid and
  /// bridge come from a cache (<root>/run/vnetctl/summaries) keyed by the
  /// file's identity (inode, size, mtime, ctime), so only files changed since
  /// the cache was written are parsed: a store of 1,000 networks lists in a
  /// few milliseconds. With `save_cache` (`list` asks for it) the cache is
  /// rewritten, best effort, when something was parsed; other commands only
  /// read it, so that a dry run or a command that fails changes no file. A
  /// file changed in the last seconds is never cached (a rewrite in the same
  /// timestamp tick would keep its identity).
  Result<std::vector<NetworkSummary>> Summaries(bool save_cache = false) const;
  /// virsh's lookup: a 36-character argument is tried as a UUID first, then as a
  /// name. kNotFound: "Network not found: no network with matching name 'X'".
  Result<StoredNetwork> Lookup(std::string_view name_or_uuid) const;
  Result<StoredNetwork> LookupByName(std::string_view name) const;
  /// kNotFound: "Network not found: no network with matching uuid 'X'".
  Result<StoredNetwork> LookupByUuid(std::string_view uuid_text) const;

  /// libvirt's uniqueness rule (virNetworkObjAssignDef): the uuid may not belong
  /// to a network of another name, the name may not belong to another uuid
  /// (unless `replacing` it).
  Status CheckDefinable(const std::string& name, const Uuid& uuid, bool replacing = false) const;
  /// Writes (or replaces) the persistent definition after CheckDefinable.
  Status Define(const Definition& def) const;
  /// Removes the definition and its autostart link. A transient network is
  /// refused ("can't undefine transient network").
  Status Undefine(const std::string& name) const;
  /// Creates or removes the autostart link. Refused for transient networks.
  Status SetAutostart(const std::string& name, bool autostart) const;

  /// Records `def` as the live definition of an active network.
  Status SetLive(const Definition& def) const;
  /// Forgets the live definition, status record and boot record (the network
  /// is inactive).
  Status ClearLive(const std::string& name) const;
  /// The status record of an active network (NAME.json; the boot record's
  /// when the network is active from it), nullopt if none.
  Result<std::optional<std::string>> ReadStatus(const std::string& name) const;
  Status WriteStatus(const std::string& name, std::string_view json) const;
  /// Keeps `def` and its status as the boot record (a start with the files
  /// under /etc), or removes it (`json` empty: the files went to /run).
  Status SetBootRecord(const Definition& def, std::string_view json) const;
  /// Gives every network active from its boot record its live file and
  /// status again (Open does it for a locked store, so that what changes a
  /// network finds it as a start left it).
  Status AdoptBooted() const;

  /// Problems met while reading the store (unparseable files, …).
  const std::vector<Error>& Warnings() const { return warnings_; }
  const std::string& root() const { return root_; }
  /// Absolute path of NAME's definition file (root included), for messages.
  std::string DefinitionPath(const std::string& name) const;

 private:
  Store(std::string root, NetworkParser parser, io::Dir config)
      : root_(std::move(root)), parser_(std::move(parser)), config_(std::move(config)) {}

  Result<std::optional<Network>> ReadNetwork(const io::Dir& dir, const std::string& file,
                                             const std::string& name) const;
  Result<bool> IsAutostart(const std::string& name) const;
  Result<bool> LinksToDefinition(const io::Dir& autostart, const std::string& name) const;
  struct Summarized {
    std::string name;
    Uuid uuid;
    std::string bridge;
  };
  Status SummarizeDir(const io::Dir& dir, std::string_view kind, SummaryCache& cache,
                      std::vector<Summarized>& out) const;
  Status CollectConfigs(std::vector<StoredNetwork>& out) const;
  Status CollectLive(std::vector<StoredNetwork>& out) const;
  Status CollectBooted(std::vector<StoredNetwork>& out) const;
  /// The boot record's definition of `name` when it makes the network active
  /// (see the layout above): persistent, autostarted, same uuid, bridge up.
  Result<std::optional<Network>> BootedLive(const std::string& name, const Uuid& uuid,
                                            bool autostart) const;

  std::string root_;
  NetworkParser parser_;
  io::Dir config_;
  std::optional<io::FileLock> lock_;
  std::function<bool(const std::string&)> came_up_;
  mutable std::vector<Error> warnings_;
  /// Why a network's file could not be read (permission, a link, a parse
  /// error), by name: a lookup reports it instead of "not found".
  mutable std::map<std::string, Error> unreadable_;
};

/// The file content libvirt writes for a definition: the warning comment naming
/// `vnetctl edit NAME`, a blank line, then `xml`.
std::string DefinitionFileContent(const std::string& name, std::string_view xml);

/// The in-root absolute path an autostart link points at.
std::string AutostartTarget(const std::string& name);

/// "NAME.xml" -> "NAME"; nullopt for anything else (dot files, other suffixes).
std::optional<std::string> NetworkNameOfFile(std::string_view file);

/// Whether `name` is safe as a file name in the store (non-empty, no '/',
/// no leading '.', no control characters).
bool IsStorableName(std::string_view name);

}  // namespace vnet
