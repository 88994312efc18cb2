// vnetctl doctor: the traps on a host that break VM networks, each found from
// what the host has (facts read once) and what the networks need (their
// definitions and the plan start/apply would carry out). Examine is pure:
// every check is a function of Subjects and HostFacts, unit-tested on facts
// captured from real hosts; ReadHostFacts is the only I/O.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/doctor/connections.h"
#include "core/live/host_reader.h"
#include "core/model/network.h"
#include "core/plan/plan.h"

namespace vnet::doctor {

/// kError and kWarning make doctor exit 2; a kNote is said and not counted
/// (true of libvirt's own networks on the same kernel, nothing to repair).
enum class Severity { kError, kWarning, kNote };

struct Finding {
  Severity severity = Severity::kError;
  std::string check;     // "firewall", "listener", "forwarding", "rp-filter", ...
  std::string network;   // empty: the host as a whole
  std::string summary;   // one line: what is wrong
  std::string evidence;  // what was seen, and where
  std::string fix;       // what to do about it
};

/// A network doctor looks at: its definition (the live one when active) and
/// the plan start (inactive) or apply (active) would carry out now.
struct Subject {
  Network net;
  bool active = false;
  plan::Plan plan;
};

/// A network libvirt defines (its own /etc/libvirt/qemu/networks).
struct LibvirtNetwork {
  std::string name;
  std::string origin;  // the file it came from
  std::string bridge;
  std::vector<std::pair<IpAddr, int>> subnets;  // network address, prefix
  bool autostart = false;
  bool active = false;  // libvirtd has its status file under /run/libvirt/network
};

/// What the checks read off the host.
struct HostFacts {
  live::HostState kernel;
  std::vector<live::Listener> listeners;       // on the DHCP and DNS ports
  std::map<std::string, std::string> sysctls;  // by /proc/sys key; absent ones missing
  std::vector<live::FirewallChain> chains;
  std::vector<LibvirtNetwork> libvirt;
  /// The addresses other managers' connection files configure (not
  /// vnetctl's own files), whether or not the connection is up.
  std::vector<ConfiguredAddress> connections;
  /// NetworkManager's connections (not vnetctl's own keyfiles).
  std::vector<NmConnection> nm_connections;
  /// Whether each port of an active network's bridge leaves its checksums
  /// to offload (the ports it could not say for are missing).
  std::map<std::string, bool> tx_checksum;
  /// The dnsmasq instances of vnetctl's and libvirt's networks (their pid
  /// files): their DHCP socket is on every address when dnsmasq started
  /// before its bridge had one, and they share it with each other.
  std::set<int> network_dnsmasqs;
};

/// The sysctls the checks read (SysctlKeys) and the ports of DHCP and DNS.
std::vector<std::string> SysctlKeys(const std::vector<Subject>& subjects);
inline constexpr uint16_t kDnsPort = 53, kDhcpPort = 67, kDhcp6Port = 547;

/// Every address the files of kConnectionSources under the reader's root
/// configure, but vnetctl's own files; `list` gives a directory's entries.
std::vector<ConfiguredAddress> ReadConnections(
    live::HostReader& reader,
    const std::function<std::vector<std::string>(const std::string& dir)>& list);

/// NetworkManager's connections in kNmKeyfileDirs, but vnetctl's own.
std::vector<NmConnection> ReadNmConnections(
    live::HostReader& reader,
    const std::function<std::vector<std::string>(const std::string& dir)>& list);

/// Everything but `libvirt` and the connections (which the caller reads); the
/// network dnsmasqs from `pid_files` (those of vnetctl's and libvirt's
/// networks, absolute on the target system).
Result<HostFacts> ReadHostFacts(live::HostReader& reader, const std::vector<Subject>& subjects,
                                const std::vector<std::string>& pid_files);

/// Every finding, the network's in subject order, then the host's.
std::vector<Finding> Examine(const std::vector<Subject>& subjects, const HostFacts& facts);

std::string_view SeverityName(Severity s);  // "error", "warning", "note"
/// Findings with severity kError or kWarning.
size_t Problems(const std::vector<Finding>& findings);
/// Each finding as "error: NAME: summary" with indented evidence and fix
/// lines, then a count; `color` marks the severities.
std::string FormatFindings(const std::vector<Finding>& findings, bool color);
nlohmann::json FindingsToJson(const std::vector<Finding>& findings);

}  // namespace vnet::doctor
