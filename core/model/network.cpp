#include "core/model/network.h"

namespace vnet {

namespace {
const std::string kEmpty;
}

uint64_t Lease::Seconds() const {
  switch (EffectiveUnit()) {
    case LeaseUnit::kSeconds:
      return expiry;
    case LeaseUnit::kMinutes:
      return expiry * 60;
    case LeaseUnit::kHours:
      return expiry * 3600;
  }
  return expiry;
}

const std::string& Forward::Dev() const {
  return interfaces.empty() ? kEmpty : interfaces.front().dev;
}

std::string_view ForwardModeName(ForwardMode mode) {
  switch (mode) {
    case ForwardMode::kNone: return "none";
    case ForwardMode::kNat: return "nat";
    case ForwardMode::kRoute: return "route";
    case ForwardMode::kOpen: return "open";
    case ForwardMode::kBridge: return "bridge";
    case ForwardMode::kPrivate: return "private";
    case ForwardMode::kVepa: return "vepa";
    case ForwardMode::kPassthrough: return "passthrough";
    case ForwardMode::kHostdev: return "hostdev";
  }
  return "none";
}

int Ip::EffectivePrefix() const {
  // libvirt's virNetworkIPDefPrefix treats prefix='0' as "not given".
  if (prefix && *prefix > 0) return static_cast<int>(*prefix);
  if (netmask) return PrefixFromNetmask(*netmask).value_or(-1);
  if (IsIpv6()) return 64;
  return ClassfulPrefix(address).value_or(-1);
}

int Route::EffectivePrefix() const {
  if (prefix) return static_cast<int>(*prefix);
  if (netmask) return PrefixFromNetmask(*netmask).value_or(-1);
  if (address.family == Family::kIpv6) return 64;
  return ClassfulPrefix(address).value_or(-1);
}

bool Network::HasManagedBridge() const {
  switch (Mode()) {
    case ForwardMode::kNone:
    case ForwardMode::kNat:
    case ForwardMode::kRoute:
    case ForwardMode::kOpen:
      return true;
    default:
      return false;
  }
}

const std::string& Network::BridgeName() const {
  return bridge && bridge->name ? *bridge->name : kEmpty;
}

}  // namespace vnet
