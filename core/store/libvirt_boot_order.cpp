#include "core/store/libvirt_boot_order.h"

#include "core/io/dir.h"
#include "core/net/device_unit.h"

namespace vnet {

namespace {

constexpr std::string_view kUnitDir = "etc/systemd/system";

}  // namespace

std::string RenderLibvirtBootOrder(const std::vector<BootBridge>& bridges) {
  std::string s =
      "# Written by vnetctl: libvirt starts its autostarted domains once the bridges of\n"
      "# the networks vnetctl took over from it exist (vnetctl import --takeover).\n"
      "# Rewritten by vnetctl's import, autostart and undefine; do not edit.\n[Unit]\n";
  for (const BootBridge& b : bridges) {
    const std::string device = DeviceUnit(b.bridge);
    s += "# network " + b.network + "\n";
    s += "Wants=" + device + "\n";
    s += "After=" + device + " vnetctl-" + b.network + ".service\n";
  }
  return s;
}

Status LibvirtBootOrder::Write(const std::vector<BootBridge>& bridges) const {
  for (std::string_view daemon : kDaemons) {
    const std::string rel = std::string(kUnitDir) + "/" + std::string(daemon) + ".d";
    if (bridges.empty()) {
      auto dir = io::Dir::Open(root_, rel, /*create=*/false);
      if (!dir.ok()) {
        if (dir.error().kind == ErrorKind::kNotFound) continue;
        return dir.error();
      }
      VNET_TRY(dir->Remove(kFile));
      continue;
    }
    VNET_ASSIGN_OR_RETURN(io::Dir dir, io::Dir::Open(root_, rel, /*create=*/true));
    VNET_TRY(dir.WriteFileAtomic(kFile, RenderLibvirtBootOrder(bridges), 0644));
  }
  return OkStatus();
}

}  // namespace vnet
