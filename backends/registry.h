// The backends vnetctl knows, in the order `auto` prefers them, and the
// choice of one for this host.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "backends/backend.h"
#include "backends/host_probe.h"

namespace vnet {

/// networkmanager, networkd, netplan, ifupdown.
const std::vector<const Backend*>& AllBackends();
const Backend* FindBackend(std::string_view name);
/// "networkmanager, networkd, netplan, ifupdown" for messages and --help.
std::string BackendNames();

struct BackendReport {
  const Backend* backend = nullptr;
  Availability availability;
};

struct BackendChoice {
  const Backend* chosen = nullptr;  // null if none is usable
  std::string reason;               // why this one (or why none)
  std::vector<BackendReport> reports;
};

/// `requested` is "auto" (or empty) or a backend name (from --backend or
/// VNETCTL_BACKEND). With auto: a manager that runs wins over one merely
/// installed; netplan wins over the renderer it drives when it has
/// configuration of its own; ties go by AllBackends() order.
Result<BackendChoice> ChooseBackend(std::string_view requested, const HostProbe& probe);

}  // namespace vnet
