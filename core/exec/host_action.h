// Host changes vnetctl carries out itself instead of starting the program
// they are equivalent to: each one's whole effect is a library or system call,
// and a process costs more than the work (a destroy runs two of them). A
// backend asks for one by type (ActivationCommand::builtin); nothing is
// recognised from a command line. Each has an exact command-line equivalent,
// which --dry-run prints, the ifupdown hooks and the boot unit run, and
// recording runners see.
#pragma once

#include <string>
#include <variant>

namespace vnet {

/// `nft -f FILE`: libnftables loads the file (the nft program is a thin
/// wrapper around that library).
struct NftScript {
  std::string file;
  bool operator==(const NftScript&) const = default;
};

/// `nft COMMAND`: one command line of nft's own language, through libnftables.
struct NftCommand {
  std::string command;
  bool operator==(const NftCommand&) const = default;
};

/// `start-stop-daemon --stop --oknodo --retry N --pidfile PIDFILE --exec EXEC`:
/// the process named in PIDFILE, if it runs EXEC (same file), gets SIGTERM,
/// then SIGKILL after `retry_seconds`, and is waited for; exit 0 when it is
/// gone or nothing ran, 2 when it still runs (start-stop-daemon's codes).
struct StopPidfileDaemon {
  std::string pidfile;
  std::string exec;
  int retry_seconds = 5;
  bool operator==(const StopPidfileDaemon&) const = default;
};

/// `start-stop-daemon --stop --signal HUP --quiet --pidfile PIDFILE --exec EXEC`
/// (no --oknodo): the process named in PIDFILE, if it runs EXEC, gets SIGHUP
/// (dnsmasq re-reads its hosts files); exit 0 when it was signalled, 1 when
/// no such process runs (start-stop-daemon's codes).
struct HangUpPidfileDaemon {
  std::string pidfile;
  std::string exec;
  bool operator==(const HangUpPidfileDaemon&) const = default;
};

using HostAction = std::variant<NftScript, NftCommand, StopPidfileDaemon, HangUpPidfileDaemon>;

}  // namespace vnet
