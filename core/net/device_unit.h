// systemd's name for the device unit of a network interface.
#pragma once

#include <string>

namespace vnet {

/// sys-subsystem-net-devices-IFNAME.device, escaped as `systemd-escape --path`
/// escapes it: '-' stands for '/', so a '-' in the name (br-lab) is written
/// \x2d, like any byte outside [A-Za-z0-9:_.]. Unescaped, a unit ordered after
/// it would wait for a device that never appears.
std::string DeviceUnit(const std::string& ifname);

}  // namespace vnet
