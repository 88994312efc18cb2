// Backend detection asks version commands (networkctl --version, dpkg-query
// -W ..., dnsmasq --version) on every live command: a few milliseconds each,
// more than the rest of a `destroy`. This probe keeps their answers in a file
// (normally /run/vnetctl/probes), keyed by the command and by the identity
// (inode, size, mtime, ctime) of what decides the answer: the program itself
// and, for dpkg-query, dpkg's status file. An upgrade replaces those files,
// so a stale answer is never given; a missing or corrupt cache file costs
// only the commands.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "backends/host_probe.h"

namespace vnet {

class CachingHostProbe : public HostProbe {
 public:
  /// Answers from `inner`; `cache_file` empty = no cache. Without `save` the
  /// cache is only read (a dry run changes no file). The file's directory is
  /// never created.
  CachingHostProbe(const HostProbe& inner, std::string cache_file, bool save = true)
      : inner_(inner), file_(std::move(cache_file)), save_(save) {}

  bool Exists(const std::string& path) const override { return inner_.Exists(path); }
  std::vector<std::string> ListDir(const std::string& path) const override {
    return inner_.ListDir(path);
  }
  std::optional<std::string> ReadFile(const std::string& path) const override {
    return inner_.ReadFile(path);
  }
  bool ProcessRunning(std::string_view comm) const override { return inner_.ProcessRunning(comm); }
  std::optional<std::string> CommandOutput(const std::vector<std::string>& argv) const override;

 private:
  struct Entry {
    std::string identity;
    std::string output;
  };
  void Load() const;
  void Save() const;

  const HostProbe& inner_;
  std::string file_;
  bool save_;
  mutable bool loaded_ = false;
  mutable std::map<std::string, Entry> entries_;
};

/// The identity of the files deciding `argv`'s output, or "" when it cannot
/// be told (a program not found): then the answer is not cached.
std::string ProbeIdentity(const std::vector<std::string>& argv);

}  // namespace vnet
