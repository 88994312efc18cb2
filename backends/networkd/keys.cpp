#include "backends/networkd/keys.h"

#include <array>

namespace vnet {

namespace {

struct KeySpec {
  std::string_view file_kind;
  std::string_view section;
  std::string_view key;
  int since;  // systemd version
};

// Checked against systemd's man/systemd.netdev.xml and man/systemd.network.xml
// (version-info) and the installed 252 man pages for syntax.
constexpr std::array kKeys = {
    KeySpec{"netdev", "NetDev", "Name", 211},
    KeySpec{"netdev", "NetDev", "Kind", 211},
    KeySpec{"netdev", "NetDev", "MACAddress", 215},
    KeySpec{"netdev", "NetDev", "MTUBytes", 215},
    KeySpec{"netdev", "Bridge", "ForwardDelaySec", 227},
    KeySpec{"netdev", "Bridge", "VLANFiltering", 231},
    KeySpec{"netdev", "Bridge", "STP", 232},
    KeySpec{"network", "Match", "Name", 211},
    KeySpec{"network", "Link", "MTUBytes", 218},
    KeySpec{"network", "Link", "RequiredForOnline", 236},
    KeySpec{"network", "Network", "Address", 211},
    KeySpec{"network", "Network", "LinkLocalAddressing", 219},
    KeySpec{"network", "Network", "IPv6AcceptRA", 231},
    KeySpec{"network", "Network", "ConfigureWithoutCarrier", 235},
    KeySpec{"network", "Network", "IgnoreCarrierLoss", 242},
    KeySpec{"network", "Address", "Address", 211},
    KeySpec{"network", "Address", "DuplicateAddressDetection", 232},
    KeySpec{"network", "Route", "Destination", 211},
    KeySpec{"network", "Route", "Gateway", 211},
    KeySpec{"network", "Route", "Metric", 216},
};

}  // namespace

std::optional<int> NetworkdKeySince(std::string_view file_kind, std::string_view section,
                                    std::string_view key) {
  for (const KeySpec& k : kKeys) {
    if (k.file_kind == file_kind && k.section == section && k.key == key) return k.since;
  }
  return std::nullopt;
}

Status PutNetworkdKey(std::string_view file_kind, IniSection& section, std::string_view key,
                      std::string value, const KeyOrigin& origin,
                      const std::optional<Version>& manager) {
  std::optional<int> since = NetworkdKeySince(file_kind, section.name, key);
  if (!since) {
    // A programming error: every key written must be in kKeys.
    return MakeError(ErrorKind::kSystem, "internal error: no systemd version recorded for [" +
                                             section.name + "] " + std::string(key) + "=");
  }
  if (!manager || manager->major >= *since) {
    section.Put(std::string(key), std::move(value), origin.loc);
    return OkStatus();
  }
  if (origin.element.empty()) return OkStatus();
  return MakeError(ErrorKind::kUnsupported,
                   origin.element + " is not supported by the networkd backend (systemd " +
                       std::to_string(manager->major) + " lacks [" + section.name + "] " +
                       std::string(key) + "=, added in systemd " + std::to_string(*since) + ")",
                   origin.loc);
}

}  // namespace vnet
