// The dnsmasq companion: the configuration, dhcp-hostsfile and addn-hosts
// file that give a network DHCP and DNS where the host's manager cannot.
// Pure: Network in, text out. The output follows libvirt's
// networkDnsmasqConfContents (src/network/bridge_driver.c) line for line, so
// leases and names behave as libvirt users know them. Deliberate differences:
//   * the header comment names vnetctl instead of virsh/libvirt;
//   * `dhcp-leasefile=PATH` (when DnsmasqPaths::leasefile is set) follows
//     `pid-file=`: libvirt instead runs dnsmasq with --leasefile-ro and its
//     own lease helper script, which vnetctl does not have;
//   * a static-only IPv4 DHCP setup (hosts, no range) gets no
//     `dhcp-authoritative`, as in libvirt after 9.9.0: authoritative mode
//     would make dnsmasq answer hosts it has no entry for;
//   * values with line breaks are refused (as later libvirt does for TXT and
//     SRV records) for every field, since one would inject options.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/model/network.h"

namespace vnet {

inline constexpr const char* kDnsmasqBinary = "/usr/sbin/dnsmasq";

/// Where the companion's files are (absolute paths on the target system).
struct DnsmasqPaths {
  std::string conf;
  std::string hostsfile;
  std::string addnhosts;
  /// Empty: dnsmasq stays in the foreground (run by a supervisor such as
  /// systemd). Set: dnsmasq daemonizes and writes its pid here, as libvirt's.
  std::string pidfile;
  /// Empty: no lease database (--leasefile-ro); leases live in memory only.
  std::string leasefile;
};

struct DnsmasqConfig {
  std::string conf;
  std::string hostsfile;  // dhcp-hostsfile contents; empty when no static host has an IP
  std::string addnhosts;  // addn-hosts contents; empty when there is no <dns><host>
};

/// True if the network needs a dnsmasq at all (libvirt's networkNeedsDnsmasq):
/// it has an <ip> and either serves DHCP/TFTP on one or keeps DNS enabled.
bool NeedsDnsmasq(const Network& net);

/// Renders the three files for a network with a managed bridge (nat, route,
/// open, isolated). Errors: kUnsupported for other forward modes, for two
/// DHCP-serving <ip> of one family (libvirt's messages) and for a localPtr
/// prefix that has no PTR zone; kInvalidInput for a missing bridge name, an
/// unusable prefix or a line break in any value that reaches a file.
Result<DnsmasqConfig> RenderDnsmasq(const Network& net, const DnsmasqPaths& paths);

/// The dhcp-hostsfile alone (what a SIGHUP re-reads), in virdnsmasq.c's
/// format: IPv4 `mac,ip,name[,lease]` / `name,ip[,lease]` / `mac,ip[,lease]`;
/// IPv6 `id:DUID,name,[ip]` / `name,[ip]` / `id:DUID,[ip]`. Hosts without an
/// IP are left out, as libvirt does.
Result<std::string> RenderDnsmasqHostsfile(const Network& net);

/// The addn-hosts file alone: one line per distinct IP, `IP\tNAME\t…NAME\t`.
Result<std::string> RenderDnsmasqAddnhosts(const Network& net);

/// The command that runs dnsmasq for `paths` (never a shell string):
/// kDnsmasqBinary --conf-file=CONF, plus --leasefile-ro without a lease file
/// and --keep-in-foreground without a pid file.
std::vector<std::string> DnsmasqArgv(const DnsmasqPaths& paths);

}  // namespace vnet
