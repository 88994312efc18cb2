// Carrying out the typed host actions (core/exec/host_action.h) in-process:
//   NftScript, NftCommand  -> libnftables, when it loads (else the caller runs
//                             the equivalent nft command line)
//   StopPidfileDaemon      -> the process named in the pid file, if it runs
//                             the program, gets SIGTERM, then SIGKILL after N
//                             seconds, and is waited for (pidfd), with
//                             start-stop-daemon's exit codes (0 stopped or
//                             nothing to stop, 2 still running)
//   HangUpPidfileDaemon    -> SIGHUP to that process (0 signalled, 1 none)
#pragma once

#include <optional>
#include <string>

#include "core/exec/command_runner.h"
#include "core/exec/host_action.h"

namespace vnet {

/// The result of `action` done in-process, or nullopt when it cannot be done
/// here (libnftables missing): the caller then runs its equivalent command.
std::optional<CommandResult> RunBuiltin(const HostAction& action);

/// Whether RunBuiltin can do `action` here (so -v can say which way it runs
/// before it runs).
bool BuiltinAvailable(const HostAction& action);

/// What -v echoes for `action` done in-process, after "[#] ":
/// "nft -f /run/vnetctl/nft/default.nft   (in-process: libnftables)".
std::string DescribeBuiltin(const HostAction& action);

}  // namespace vnet
