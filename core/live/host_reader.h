// Reading the live host, behind an interface so that plans can be unit-tested
// against a fake host. The system implementation uses netlink (libnl-route-3)
// for links/addresses/routes, libnftables for the ruleset, /proc for sysctls,
// sockets and processes. Nothing here changes the host.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/live/firewall.h"
#include "core/live/host_state.h"

namespace vnet::live {

class HostReader {
 public:
  virtual ~HostReader() = default;
  /// Every link with its addresses, and the main routing table (one netlink
  /// dump of each).
  virtual Result<HostState> ReadKernel() = 0;
  /// `nft list table FAMILY NAME` as nft prints it (canonical text), or
  /// nullopt when the table does not exist.
  virtual Result<std::optional<std::string>> NftTable(const std::string& family,
                                                      const std::string& name) = 0;
  /// Every nftables base chain, whichever table it is in (firewall.h).
  virtual Result<std::vector<FirewallChain>> FirewallChains() = 0;
  /// A sysctl by its /proc/sys path ("net/ipv4/ip_forward"), trimmed;
  /// nullopt if it does not exist.
  virtual std::optional<std::string> Sysctl(const std::string& key) = 0;
  /// Whether the link leaves its transmitted packets' checksums to offload
  /// (ethtool's tx-checksumming); nullopt when it cannot say.
  virtual std::optional<bool> TxChecksum(const std::string& ifname) = 0;
  /// UDP and TCP sockets bound/listening on any of `ports` (both families),
  /// with the PIDs holding them.
  virtual Result<std::vector<Listener>> Listeners(const std::vector<uint16_t>& ports) = 0;
  /// The process whose PID is in `pid_file`, if the file exists and names a
  /// live process.
  virtual std::optional<Process> ProcessFromPidFile(const std::string& pid_file) = 0;
  /// A file under the reader's root (`path` is absolute on the target system).
  virtual Result<FileState> ReadFile(const std::string& path) = 0;
};

/// The real host. `root` prefixes file paths (ReadFile, pid files); kernel,
/// nftables, sysctls and sockets are always the current network namespace's.
std::unique_ptr<HostReader> MakeSystemHostReader(const std::string& root = "/");

}  // namespace vnet::live
