// The file side effects of an apply, behind an interface so that --dry-run
// and tests can record them instead. Paths are absolute on the target system
// and land under the writer's root; symbolic links below the root are never
// followed (core/io/dir.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "backends/backend.h"
#include "core/error.h"
#include "core/live/host_state.h"

namespace vnet::apply {

class HostWriter {
 public:
  virtual ~HostWriter() = default;
  /// Writes a file atomically (or replaces a symbolic link), creating parents.
  virtual Status Write(const RenderedFile& f) = 0;
  /// Removes a file or link; a missing file is fine.
  virtual Status Remove(const std::string& path) = 0;
  /// Writes /proc/sys/KEY.
  virtual Status WriteSysctl(const std::string& key, const std::string& value) = 0;

  /// Puts back a file as a HostReader saw it (absent → removed).
  Status Restore(const std::string& path, const live::FileState& state);
};

std::unique_ptr<HostWriter> MakeSystemHostWriter(const std::string& root);

/// Records instead of writing (dry runs, tests).
class RecordingHostWriter : public HostWriter {
 public:
  Status Write(const RenderedFile& f) override;
  Status Remove(const std::string& path) override;
  Status WriteSysctl(const std::string& key, const std::string& value) override;
  std::vector<std::string> actions;  // "write PATH", "remove PATH", "sysctl KEY=VALUE"
};

}  // namespace vnet::apply
