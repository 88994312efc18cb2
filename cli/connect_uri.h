// virsh's -c/--connect URI, as vnetctl reads it. The host's system instance
// (qemu:///system, network:///system, with or without ?parameters) is
// vnetctl's own store; qemu+ssh://[USER@]HOST[:PORT]/system runs the same
// command with HOST's vnetctl over ssh, as virsh talks to a remote libvirtd;
// a session instance has no networks of vnetctl's, and other drivers and
// transports are not vnetctl's: both are errors that say what to use.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace vnet::cli {

struct SshTarget {
  std::string host;
  std::string user;        // empty: ssh's default
  std::string port;        // empty: ssh's default
  std::string keyfile;     // ?keyfile=
  bool no_verify = false;  // ?no_verify=1: no host key check
};

/// nullopt for the local system instance, the ssh target for a remote one.
Result<std::optional<SshTarget>> ParseConnectUri(std::string_view uri);

/// ssh's argv that runs `vnetctl ARGS...` on the target. ssh hands the
/// remote shell one command line, so each argument is quoted for it.
std::vector<std::string> SshArgv(const SshTarget& t, const std::vector<std::string>& args);

}  // namespace vnet::cli
