// Port-level settings that apply to guest interfaces: VLAN tags, virtual port
// profiles, bandwidth limits and the portgroups that bundle them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace vnet {

enum class VlanNativeMode : uint8_t { kTagged, kUntagged };

struct VlanTag {
  uint32_t id = 0;
  std::optional<VlanNativeMode> native_mode;
  SourceLoc loc;
};

/// <vlan trunk='yes'><tag id nativeMode/></vlan>.
struct Vlan {
  std::optional<bool> trunk;
  std::vector<VlanTag> tags;
  SourceLoc loc;
};

/// <virtualport type='…'><parameters …/></virtualport>. Parameters are kept
/// as libvirt orders them when formatting.
struct VirtualPort {
  std::optional<std::string> type;  // openvswitch, 802.1Qbh, 802.1Qbg, midonet
  std::optional<std::string> manager_id;
  std::optional<std::string> type_id;
  std::optional<std::string> type_id_version;
  std::optional<std::string> instance_id;
  std::optional<std::string> profile_id;
  std::optional<std::string> interface_id;
  SourceLoc loc;
};

/// <inbound|outbound average peak burst floor/> (kbytes/s, kbytes).
struct BandwidthRate {
  std::optional<uint64_t> average;
  std::optional<uint64_t> peak;
  std::optional<uint64_t> floor;
  std::optional<uint64_t> burst;
  SourceLoc loc;
};

struct Bandwidth {
  std::optional<BandwidthRate> inbound;
  std::optional<BandwidthRate> outbound;
  SourceLoc loc;
};

/// <portgroup name default trustGuestRxFilters>.
struct Portgroup {
  std::string name;
  bool is_default = false;
  std::optional<bool> trust_guest_rx_filters;
  std::optional<Vlan> vlan;
  std::optional<VirtualPort> virtualport;
  std::optional<Bandwidth> bandwidth;
  SourceLoc loc;
};

}  // namespace vnet
