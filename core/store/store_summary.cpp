// Store::Summaries: what List() answers for `list` and the uniqueness checks,
// without parsing every definition each time. Parsing is ~50 us for a small
// network and grows with its hosts; a stat is ~1 us. So each file's uuid and
// bridge are cached with the file's identity, and a file is parsed again only
// when its identity changed.
//
// The cache, <root>/run/vnetctl/summaries, is text:
//   vnetctl-summaries 1
//   KIND/FILE \t INODE \t SIZE \t MTIME_NS \t CTIME_NS \t UUID \t BRIDGE
// (KIND: c = definition, l = live file). It is only ever a hint: a missing,
// stale or corrupt cache costs parsing, never a wrong answer.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <ctime>
#include <unordered_map>
#include <unordered_set>

#include "core/store/store.h"

namespace vnet {

namespace {

constexpr std::string_view kCacheName = "summaries";
constexpr std::string_view kCacheHeader = "vnetctl-summaries 1\n";
// A file changed this recently is not cached: rewritten in place within the
// same timestamp tick, it would keep inode, size and times (git's "racily
// clean" index entries). Timestamps move in ticks of a few milliseconds.
constexpr int64_t kRacyNs = 2'000'000'000;

struct FileId {
  uint64_t ino = 0;
  int64_t size = 0;
  int64_t mtime_ns = 0;
  int64_t ctime_ns = 0;
  friend bool operator==(const FileId&, const FileId&) = default;
};

struct CacheEntry {
  FileId id;
  Uuid uuid;
  std::string bridge;
};

int64_t Nanoseconds(const timespec& t) { return int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec; }

// The identity of a regular file; nullopt for anything else (ReadNetwork
// then reports it as List() does).
std::optional<FileId> Identify(const io::Dir& dir, const std::string& file) {
  struct stat st {};
  if (fstatat(dir.fd(), file.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) {
    return std::nullopt;
  }
  return FileId{st.st_ino, st.st_size, Nanoseconds(st.st_mtim), Nanoseconds(st.st_ctim)};
}

bool Racy(const FileId& id, int64_t now_ns) {
  return now_ns - std::max(id.mtime_ns, id.ctime_ns) < kRacyNs;
}

// Text that fits a tab-separated line.
bool Storable(std::string_view s) { return s.find_first_of("\t\n\r") == std::string_view::npos; }

template <typename T>
bool ParseNumber(std::string_view s, T& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// Splits `line` at tabs into exactly N fields.
template <size_t N>
bool Fields(std::string_view line, std::array<std::string_view, N>& out) {
  for (size_t i = 0; i < N; ++i) {
    size_t tab = i + 1 < N ? line.find('\t') : line.size();
    if (tab == std::string_view::npos) return false;
    out[i] = line.substr(0, tab);
    line.remove_prefix(std::min(line.size(), tab + 1));
  }
  return line.empty() && out[N - 1].find('\t') == std::string_view::npos;
}

// Malformed lines are dropped: the files they describe are parsed again.
std::unordered_map<std::string, CacheEntry> ParseCache(std::string_view text) {
  std::unordered_map<std::string, CacheEntry> cache;
  if (!text.starts_with(kCacheHeader)) return cache;
  text.remove_prefix(kCacheHeader.size());
  while (!text.empty()) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) break;  // a torn last line
    std::array<std::string_view, 7> f;
    bool ok = Fields(text.substr(0, nl), f);
    text.remove_prefix(nl + 1);
    CacheEntry e;
    std::optional<Uuid> uuid;
    if (!ok || !ParseNumber(f[1], e.id.ino) || !ParseNumber(f[2], e.id.size) ||
        !ParseNumber(f[3], e.id.mtime_ns) || !ParseNumber(f[4], e.id.ctime_ns) ||
        !(uuid = Uuid::Parse(f[5]))) {
      continue;
    }
    e.uuid = *uuid;
    e.bridge = std::string(f[6]);
    cache.emplace(std::string(f[0]), std::move(e));
  }
  return cache;
}

std::string FormatCache(const std::unordered_map<std::string, CacheEntry>& cache) {
  std::vector<const std::pair<const std::string, CacheEntry>*> sorted;
  for (const auto& entry : cache) sorted.push_back(&entry);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
  std::string out(kCacheHeader);
  for (const auto* entry : sorted) {
    const CacheEntry& e = entry->second;
    out += entry->first + '\t' + std::to_string(e.id.ino) + '\t' + std::to_string(e.id.size) +
           '\t' + std::to_string(e.id.mtime_ns) + '\t' + std::to_string(e.id.ctime_ns) + '\t' +
           e.uuid.ToString() + '\t' + e.bridge + '\n';
  }
  return out;
}

// Replaces the cache (temporary file, rename). No fsync: losing it costs
// only parsing. Every failure is ignored for the same reason, and the run
// directory is never created by a command that only reads.
void SaveCache(const std::string& root, const std::string& text) {
  auto run = io::Dir::Open(root, Store::kRunDir, false);
  if (!run.ok()) return;
  const std::string temp = "." + std::string(kCacheName) + "." + std::to_string(getpid());
  int fd =
      openat(run->fd(), temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return;
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = close(fd) == 0 && ok;
  const std::string name(kCacheName);
  if (!ok || renameat(run->fd(), temp.c_str(), run->fd(), name.c_str()) != 0) {
    unlinkat(run->fd(), temp.c_str(), 0);
  }
}

}  // namespace

struct SummaryCache {
  std::unordered_map<std::string, CacheEntry> old;    // as read
  std::unordered_map<std::string, CacheEntry> fresh;  // what this run saw
  int64_t now_ns = 0;
  bool changed = false;
};

Status Store::SummarizeDir(const io::Dir& dir, std::string_view kind, SummaryCache& cache,
                           std::vector<Summarized>& out) const {
  VNET_ASSIGN_OR_RETURN(std::vector<std::string> files, dir.List());
  for (const std::string& file : files) {
    std::optional<std::string> name = NetworkNameOfFile(file);
    if (!name) continue;
    std::string key = std::string(kind) + "/" + file;
    std::optional<FileId> id = Identify(dir, file);
    auto hit = cache.old.find(key);
    if (id && hit != cache.old.end() && hit->second.id == *id) {
      out.push_back({*name, hit->second.uuid, hit->second.bridge});
      cache.fresh.emplace(std::move(key), hit->second);
      continue;
    }
    auto net = ReadNetwork(dir, file, *name);  // identified first: a later change shows
    if (!net.ok()) {
      warnings_.push_back(net.error());
      continue;
    }
    if (!*net) continue;  // vanished since List()
    Summarized s{*name, *(*net)->uuid, (*net)->BridgeName()};
    if (id && !Racy(*id, cache.now_ns) && Storable(s.name) && Storable(s.bridge)) {
      cache.fresh.emplace(std::move(key), CacheEntry{*id, s.uuid, s.bridge});
      cache.changed = true;
    }
    out.push_back(std::move(s));
  }
  return OkStatus();
}

Result<std::vector<NetworkSummary>> Store::Summaries(bool save_cache) const {
  warnings_.clear();
  SummaryCache cache;
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  cache.now_ns = Nanoseconds(now);
  if (auto run = io::Dir::Open(root_, kRunDir, false); run.ok()) {
    auto text = run->ReadFile(kCacheName, kMaxFileBytes);
    if (text.ok() && *text) cache.old = ParseCache(**text);
  }

  std::vector<Summarized> configs;
  std::vector<Summarized> lives;
  VNET_TRY(SummarizeDir(config_, "c", cache, configs));
  auto live_dir = io::Dir::Open(root_, kLiveDir, false);
  if (!live_dir.ok() && live_dir.error().kind != ErrorKind::kNotFound) return live_dir.error();
  if (live_dir.ok()) VNET_TRY(SummarizeDir(*live_dir, "l", cache, lives));

  // Autostart: one directory listing, and a readlink only where a link is.
  std::unordered_set<std::string> links;
  auto autostart = config_.Sub(kAutostartDir, false);
  if (!autostart.ok() && autostart.error().kind != ErrorKind::kNotFound) return autostart.error();
  if (autostart.ok()) {
    VNET_ASSIGN_OR_RETURN(std::vector<std::string> names, autostart->List());
    links.insert(names.begin(), names.end());
  }

  std::vector<NetworkSummary> nets;
  std::unordered_map<std::string, size_t> index;
  for (Summarized& c : configs) {
    NetworkSummary n;
    n.name = c.name;
    n.uuid = c.uuid;
    n.persistent = true;
    n.config_bridge = std::move(c.bridge);
    if (links.contains(c.name + ".xml")) {
      VNET_ASSIGN_OR_RETURN(n.autostart, LinksToDefinition(*autostart, c.name));
    }
    index.emplace(n.name, nets.size());
    nets.push_back(std::move(n));
  }
  for (Summarized& l : lives) {
    auto [it, added] = index.emplace(l.name, nets.size());
    if (added) {
      nets.emplace_back();
      nets.back().name = l.name;
      nets.back().uuid = l.uuid;
    }
    NetworkSummary& n = nets[it->second];
    n.active = true;
    n.live_bridge = std::move(l.bridge);
  }
  // After a reboot: autostarted networks the manager brought back (rare
  // enough, and checked against the host, to be read without the cache).
  for (NetworkSummary& n : nets) {
    if (n.active || !n.autostart) continue;
    VNET_ASSIGN_OR_RETURN(std::optional<Network> booted, BootedLive(n.name, n.uuid, true));
    if (!booted) continue;
    n.active = true;
    n.live_bridge = booted->BridgeName();
  }
  std::sort(nets.begin(), nets.end(),
            [](const NetworkSummary& a, const NetworkSummary& b) { return a.name < b.name; });

  if (save_cache && (cache.changed || cache.fresh.size() != cache.old.size())) {
    SaveCache(root_, FormatCache(cache.fresh));
  }
  return nets;
}

}  // namespace vnet
