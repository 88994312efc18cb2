// dnsmasq's lease file (--dhcp-leasefile), as lease.c writes it: IPv4 lines
// "EXPIRY MAC IP HOSTNAME CLIENT-ID", then "duid SERVER-DUID", then IPv6 lines
// "EXPIRY [T]IAID IP HOSTNAME CLIENT-DUID" ('*' = none; EXPIRY 0 = never),
// and possibly "agent-info"/"vendorclass" lines at the end. Pure: no I/O.
// Feeds `vnetctl dhcp-leases`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vnet::live {

struct DnsmasqLease {
  int64_t expiry = 0;      // seconds since the epoch; 0 = infinite lease
  std::string type;        // "ipv4" / "ipv6"
  std::string mac;         // IPv4 only, as written ("52:54:00:..."; "TT-..." if not Ethernet)
  std::string ip;          // canonical text
  std::string hostname;    // empty when dnsmasq wrote '*'
  std::string client_id;   // IPv4: client identifier; IPv6: the client's DUID; empty for '*'
  std::string iaid;        // IPv6 only, decimal
  bool temporary = false;  // IPv6 temporary address (IA_TA; "T" before the IAID)
};

struct MalformedLeaseLine {
  int line = 0;  // 1-based
  std::string text;
};

struct DnsmasqLeaseFile {
  std::vector<DnsmasqLease> leases;           // in file order
  std::string server_duid;                    // from the "duid" line, empty if none
  std::vector<MalformedLeaseLine> malformed;  // skipped, for the caller to warn about
};

/// Like dnsmasq itself, a line is IPv4 or IPv6 by its address, not by its
/// place relative to the "duid" line.
DnsmasqLeaseFile ParseDnsmasqLeases(std::string_view text);

/// The lease file dnsmasq reads at start (how a takeover hands libvirt's
/// leases to vnetctl's dnsmasq): IPv4 lines, then "duid" and the IPv6 lines
/// when there is a server DUID (dnsmasq ignores IPv6 leases without one).
/// A lease whose MAC or address does not parse is left out; a hostname or
/// client id that is not one printable token becomes '*', so no value can
/// add a field or a line.
std::string FormatDnsmasqLeases(const DnsmasqLeaseFile& file);

}  // namespace vnet::live
