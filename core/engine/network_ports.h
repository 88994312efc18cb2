// A network's ports as vnetctl sees them (port-list, port-dumpxml,
// port-create, port-delete): the guest links whose master is the network's
// bridge, each with a UUID derived from the network's UUID and the link's
// name, so that the same port has the same UUID in every call.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backends/backend.h"
#include "core/live/host_state.h"
#include "core/net/address.h"

namespace vnet::engine {

struct NetworkPort {
  std::string ifname;
  Uuid uuid;
  /// The guest's MAC as far as the host knows it (GuestMac); nullopt when
  /// the link has no MAC.
  std::optional<MacAddr> mac;
};

/// The port's UUID: version 5 (name-based, SHA-1), namespace the network's
/// UUID, name the interface's name.
Uuid PortUuid(const Uuid& network, std::string_view ifname);

/// The guest's MAC behind a host link. libvirt gives a guest's tap the
/// guest's MAC with the first byte replaced by 0xfe (virNetDevTapCreate's
/// rule), so a link MAC fe:xx:... is the guest's 52:xx:... (qemu's and
/// libvirt's default prefix 52:54:00); any other link (a veth, a tap made by
/// hand) is taken at its own MAC.
std::optional<MacAddr> GuestMac(const live::Link& link);

/// Whether `link` is the host side of the guest whose MAC is `guest`: the
/// same MAC, or the same with first byte 0xfe (libvirt's tap rule).
bool MatchesGuestMac(const live::Link& link, const MacAddr& guest);

/// The ports of `bridge`, sorted by UUID as virsh sorts them (memcmp).
std::vector<NetworkPort> NetworkPorts(const live::HostState& kernel, const std::string& bridge,
                                      const Uuid& network);

/// The command that attaches `ifname` to `bridge`, and the one that detaches
/// it from its bridge; argv arrays for the CommandRunner.
ActivationCommand PlugCommand(const std::string& ifname, const std::string& bridge);
ActivationCommand UnplugCommand(const std::string& ifname);

}  // namespace vnet::engine
