// What the live host has, as plain data: the kernel's links, bridges,
// addresses and routes (read over netlink), plus the few other facts a plan
// compares (nftables tables, sysctls, DHCP/DNS listeners, processes, files).
// Produced by a HostReader (host_reader.h); consumed by core/plan. No I/O here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/net/address.h"

namespace vnet::live {

struct Address {
  IpAddr ip;
  unsigned prefix = 0;
  bool tentative = false;  // IPv6 DAD not finished
  bool operator==(const Address& o) const { return ip == o.ip && prefix == o.prefix; }
};

struct Route {
  IpAddr dest;  // network address
  unsigned prefix = 0;
  std::optional<IpAddr> gateway;
  uint32_t metric = 0;
  std::string dev;  // output link name, empty if none
  uint32_t table = 254;
  std::string protocol;  // "kernel", "boot", "static", "dhcp", or the number
};

struct Link {
  int index = 0;
  std::string name;
  std::string kind;       // rtnl_link kind: "bridge", "veth", "dummy", ""; physical links have none
  bool admin_up = false;  // IFF_UP
  bool lower_up = false;  // carrier (IFF_LOWER_UP)
  unsigned mtu = 0;
  std::optional<MacAddr> mac;
  std::string master;  // name of the bridge this link is a port of, empty if none
  // Bridge attributes (kind == "bridge" only).
  std::optional<bool> stp;
  std::optional<unsigned> forward_delay_cs;  // centiseconds, as the kernel keeps it
  std::vector<Address> addresses;            // in kernel order
};

struct HostState {
  std::vector<Link> links;    // sorted by name
  std::vector<Route> routes;  // main table, both families, unicast only

  const Link* FindLink(const std::string& name) const;
};

/// A socket in LISTEN (TCP) or bound (UDP) state.
struct Listener {
  std::string proto;  // "udp", "tcp", "udp6", "tcp6"
  IpAddr addr;        // local address (0.0.0.0 / :: for wildcard)
  uint16_t port = 0;
  std::string device;                 // SO_BINDTODEVICE, empty if not bound to one
  std::vector<int> pids;              // processes that hold the socket (may be empty if unknown)
  std::vector<std::string> programs;  // their executables' base names, parallel to pids
};

/// A running process, from /proc/PID.
struct Process {
  int pid = 0;
  std::string exe;                // readlink /proc/PID/exe
  std::vector<std::string> argv;  // /proc/PID/cmdline
};

/// A file as found on disk (never followed if it is a symlink).
struct FileState {
  bool exists = false;
  bool is_symlink = false;
  std::string content;         // regular files only
  std::string symlink_target;  // symlinks only
  unsigned mode = 0;           // permission bits
};

}  // namespace vnet::live
