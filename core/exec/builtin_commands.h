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

}  // namespace vnet
