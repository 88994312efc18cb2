// import --handback: the inverse of takeover.h. A network vnetctl took over
// goes back to libvirt exactly as libvirt had it defined: libvirt's stand-in
// stops, vnetctl's network goes down, libvirt's own definition is defined
// again and started with vnetctl's leases (libvirt's lease status file) and
// the guests' ports, autostarted as it was. If libvirt's network does not
// come up, vnetctl's comes back and libvirt gets its stand-in again.
#pragma once

#include <string>

#include "core/engine/realize.h"
#include "core/import/libvirt_source.h"

namespace vnet::engine {

struct HandBackRequest {
  /// libvirt's own definition (core/store/libvirt_kept.h), persistent.
  import::SourceNetwork original;
  /// vnetctl's network as it is active now, or null when it is not.
  const Network* live = nullptr;
  bool live_autostart = false;
  /// libvirt's stand-in: whether it runs now, and its definition (put back
  /// when libvirt's own network does not come up).
  bool stand_in_active = false;
  std::string stand_in_xml;
};

struct HandedBack {
  int leases_carried = 0;  // written into libvirt's lease status file
  int ports_moved = 0;     // guests' ports re-attached to libvirt's bridge
};

/// Path of libvirt's lease status file for `bridge`.
std::string LibvirtLeaseStatusPath(const std::string& bridge);

Result<HandedBack> HandBack(Engine& e, import::LibvirtClient& libvirt, const HandBackRequest& r);

}  // namespace vnet::engine
