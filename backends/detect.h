// How vnetctl tells whether each manager is installed, running and which
// version it is. Cheap checks first: a file test, then /proc, and a version
// command only for what is installed.
#pragma once

#include "backends/backend.h"
#include "backends/host_probe.h"

namespace vnet {

Availability DetectNetworkManager(const HostProbe& probe);
Availability DetectNetworkd(const HostProbe& probe);
Availability DetectNetplan(const HostProbe& probe);
Availability DetectIfupdown(const HostProbe& probe);
/// dnsmasq's version (every backend's companion), if installed.
std::optional<Version> DetectDnsmasq(const HostProbe& probe);

}  // namespace vnet
