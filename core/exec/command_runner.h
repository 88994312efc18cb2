// Running external programs: always an argv array, never a shell. Behind an
// interface so that --dry-run and unit tests can swap in a recorder.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/exec/host_action.h"

namespace vnet {

struct CommandResult {
  int exit_code = -1;  // 128+signal when killed; -1 when it could not start
  std::string out;     // stdout
  std::string err;     // stderr
};

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  /// Runs argv[0] (looked up in PATH if it has no '/') and waits for it.
  virtual CommandResult Run(const std::vector<std::string>& argv,
                            const std::string& stdin_data = {}) = 0;
  /// Carries out a typed host action whose exact command-line equivalent is
  /// `equivalent`. This default runs the equivalent (recorders and fakes see
  /// the command line; --dry-run prints it).
  virtual CommandResult Perform(const HostAction& action,
                                const std::vector<std::string>& equivalent) {
    (void)action;
    return Run(equivalent);
  }
};

/// The real thing: posix_spawn + pipes, and the typed host actions done
/// in-process (core/exec/builtin_commands.h). With `echo` set, each is printed
/// to stderr before it runs (vnetctl -v) as what really happens: a process
/// as "[#] argv...", an in-process action as "[#] nft -f FILE   (in-process:
/// libnftables)".
class SystemCommandRunner : public CommandRunner {
 public:
  explicit SystemCommandRunner(bool echo = false) : echo_(echo) {}
  CommandResult Run(const std::vector<std::string>& argv,
                    const std::string& stdin_data = {}) override;
  CommandResult Perform(const HostAction& action,
                        const std::vector<std::string>& equivalent) override;

 private:
  bool echo_;
};

/// Records commands instead of running them (dry runs and tests); answers
/// every command with `canned`.
class RecordingCommandRunner : public CommandRunner {
 public:
  CommandResult Run(const std::vector<std::string>& argv,
                    const std::string& stdin_data = {}) override;
  std::vector<std::vector<std::string>> commands;
  CommandResult canned{0, "", ""};
};

/// "[#] nmcli connection up vnetctl-default" with arguments quoted when needed.
std::string FormatCommandLine(const std::vector<std::string>& argv);

}  // namespace vnet
