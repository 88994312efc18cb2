// Read-only questions about the host that backend detection asks. An
// interface so tests can describe a host without having one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vnet {

class CommandRunner;

class HostProbe {
 public:
  virtual ~HostProbe() = default;
  virtual bool Exists(const std::string& path) const = 0;
  virtual std::vector<std::string> ListDir(const std::string& path) const = 0;
  virtual std::optional<std::string> ReadFile(const std::string& path) const = 0;
  /// True if a process whose /proc/PID/comm equals `comm` runs.
  virtual bool ProcessRunning(std::string_view comm) const = 0;
  /// stdout of a command that exited 0, else nullopt.
  virtual std::optional<std::string> CommandOutput(const std::vector<std::string>& argv) const = 0;
};

/// The real host. Processes are scanned once, lazily.
class SystemHostProbe : public HostProbe {
 public:
  explicit SystemHostProbe(CommandRunner& runner) : runner_(runner) {}
  bool Exists(const std::string& path) const override;
  std::vector<std::string> ListDir(const std::string& path) const override;
  std::optional<std::string> ReadFile(const std::string& path) const override;
  bool ProcessRunning(std::string_view comm) const override;
  std::optional<std::string> CommandOutput(const std::vector<std::string>& argv) const override;

 private:
  CommandRunner& runner_;
  mutable std::optional<std::vector<std::string>> comms_;
};

}  // namespace vnet
