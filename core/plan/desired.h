// What a started network needs on the host: the files a backend renders and
// the kernel objects those files imply (bridge, its attributes, addresses,
// routes), the forwarding sysctls, the nftables table and dnsmasq. Pure: it
// is computed from the Network and the Rendering, nothing is probed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backends/backend.h"
#include "core/live/host_state.h"
#include "core/model/network.h"

namespace vnet::plan {

using ::vnet::FileRole;  // the renderer sets it (backends/backend.h)

struct DesiredFile {
  RenderedFile file;  // its role is the renderer's (file.role)
};

struct DesiredRoute {
  live::Route route;
  bool check_metric = false;  // only when the XML sets one: managers pick their own default
};

struct Desired {
  std::string network;
  std::string backend;
  Placement placement = Placement::kRuntime;
  std::vector<DesiredFile> files;
  std::vector<std::string> warnings;  // the rendering's
  /// Paths that must not exist: the manager's own copies of the network's
  /// native file (Rendering::manager_copies).
  std::vector<std::string> manager_copies;

  std::string bridge;  // empty: no managed bridge, no kernel objects
  std::optional<unsigned> mtu;
  std::optional<MacAddr> mac;
  bool stp = true;
  std::optional<unsigned> forward_delay_cs;  // compared only while STP is on
  std::vector<live::Address> addresses;
  std::vector<DesiredRoute> routes;
  std::vector<std::string> sysctls;  // /proc/sys paths that must read "1"
  std::string nft_table;             // "vnetctl_NAME" in family inet; empty if none
  /// firewalld's zone for the bridge (Caps::firewalld_zone); empty: none.
  std::string firewalld_zone;
  /// Bound in firewalld's permanent configuration too, so that its reload
  /// keeps it (a backend that does not keep the zone itself).
  bool firewalld_permanent = false;
  // The traffic the host's firewall must let through, per family: guests'
  // forwarded traffic (nat and route, each family with an address) and their
  // DHCP/DNS to dnsmasq on the host.
  bool forward_ipv4 = false, forward_ipv6 = false;
  // Traffic between the guests on the bridge, which crosses the host's
  // FORWARD chains where br_netfilter hands bridged frames to iptables:
  // libvirt accepts it there for nat, route and isolated networks.
  bool bridged_ipv4 = false, bridged_ipv6 = false;
  bool serve_ipv4 = false, serve_ipv6 = false;
  bool dnsmasq = false;
  std::string dnsmasq_pid_file;
  std::string dnsmasq_conf;             // its --conf-file, to recognise our process
  std::vector<uint16_t> dnsmasq_ports;  // UDP ports it must hold: 67 (DHCP), 547 (DHCPv6), 53 (DNS)
};

/// Renders `net` for `backend` at `placement` and derives the rest.
Result<Desired> Desire(const Network& net, const Backend& backend, const Caps& caps);

}  // namespace vnet::plan
