// Commands SystemCommandRunner carries out in-process, because their whole
// effect is one library or system call and starting a process costs more
// than the work (a destroy runs both):
//   nft ARGS...           (no options) and  nft -f FILE  -> libnftables, which
//                         the nft program itself is a thin wrapper around
//   start-stop-daemon --stop [--quiet] [--oknodo] [--retry N]
//                     --pidfile FILE --exec PROGRAM
//                         -> the process named in FILE, if it runs PROGRAM,
//                            gets SIGTERM, then SIGKILL after N seconds, and
//                            is waited for (pidfd), with start-stop-daemon's
//                            exit codes (0 stopped or nothing to stop with
//                            --oknodo, 1 nothing to stop, 2 still running)
// Any other form of these commands, and every other command, runs as a
// process: only forms whose meaning is fully reproduced are taken over.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/exec/command_runner.h"

namespace vnet {

/// The result of `argv` run in-process, or nullopt when `argv` is not one of
/// the forms above (the caller then runs it as a process).
std::optional<CommandResult> RunBuiltin(const std::vector<std::string>& argv,
                                        const std::string& stdin_data);

/// The program to start for `argv` when `argv` names a wrapper that would
/// only start it with the same arguments, else nullopt (start `argv`).
/// `netplan generate` is netplan's Python front end starting the generator
/// (/lib/netplan/generate, or $NETPLAN_GENERATE_PATH): ~200 ms of Python for
/// a 20 ms program, in every netplan start and destroy. Taken only where the
/// installed front end is known to do nothing else: not in a snap (it then
/// asks netplan's D-Bus service) and with netplan 0.106's generate command,
/// whose last statement runs the generator (later versions reload systemd
/// after it).
std::optional<std::vector<std::string>> DirectArgv(const std::vector<std::string>& argv);

}  // namespace vnet
