// Where `vnetctl import` finds networks: a libvirt connection (the API, so a
// running libvirtd, a remote URI or the daemon-less test:///default all work)
// or a directory in libvirt's layout (/etc/libvirt/qemu/networks: NAME.xml
// plus autostart/NAME.xml links). Every side effect on libvirt goes through
// LibvirtClient, so the takeover logic can be tested with a fake.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"

namespace vnet::import {

/// One network as libvirt has it.
struct SourceNetwork {
  std::string name;
  /// The persistent definition (libvirt's inactive XML), or for a transient
  /// network its live XML: what vnetctl defines.
  std::string xml;
  /// Where it came from, the FILE of error messages: "qemu:///system:NAME"
  /// or the path of DIR/NAME.xml.
  std::string origin;
  bool active = false;  // always false from a directory: it has no live state
  bool persistent = true;
  bool autostart = false;
};

/// A DHCP lease of an active libvirt network (virNetworkGetDHCPLeases).
struct SourceLease {
  int64_t expiry = 0;  // seconds since the epoch; 0 = never
  bool ipv6 = false;
  std::string mac;  // IPv4
  std::string ip;
  int prefix = 0;
  std::string hostname;   // may be empty
  std::string client_id;  // IPv4 client identifier or IPv6 client DUID; may be empty
  std::string iaid;       // IPv6
};

class LibvirtClient {
 public:
  virtual ~LibvirtClient() = default;
  virtual const std::string& Uri() const = 0;
  /// Every network, sorted by name.
  virtual Result<std::vector<SourceNetwork>> List() = 0;
  virtual Result<std::vector<SourceLease>> Leases(const std::string& name) = 0;
  /// virsh net-destroy / net-start (net-create for a transient network, which
  /// destroy made disappear) / net-autostart [--disable]: the takeover's
  /// changes, and their undo.
  virtual Status Destroy(const std::string& name) = 0;
  virtual Status Start(const SourceNetwork& network) = 0;
  virtual Status SetAutostart(const std::string& name, bool autostart) = 0;
  /// virsh net-define: defines a persistent network, or replaces the
  /// definition of the one with that name and uuid (the stand-in, and
  /// libvirt's own definition given back).
  virtual Status Define(const std::string& xml) = 0;
};

/// Opens `uri` (read-only unless the caller will change libvirt's networks).
/// kUnavailable with libvirt's message when it cannot be reached.
Result<std::unique_ptr<LibvirtClient>> ConnectLibvirt(const std::string& uri, bool read_only);

/// Reads DIR in libvirt's layout; `root` prefixes DIR (--root). Files that are
/// not NAME.xml are ignored; autostart is a link autostart/NAME.xml.
Result<std::vector<SourceNetwork>> ReadLibvirtDir(const std::string& root, const std::string& dir);

}  // namespace vnet::import
