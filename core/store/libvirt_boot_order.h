// The boot order of libvirt's daemons after a takeover (vnetctl import
// --takeover): libvirt autostarts its domains when its daemon starts, and a
// domain on a taken-over network plugs its tap into vnetctl's bridge, which
// the host's manager creates at boot in its own time (networkd and
// NetworkManager after network.target, too). A drop-in for each daemon that
// starts domains makes it wait for those bridges:
//
//   <root>/etc/systemd/system/libvirtd.service.d/50-vnetctl.conf
//   <root>/etc/systemd/system/virtqemud.service.d/50-vnetctl.conf
//
// Derived state: rewritten from the kept definitions (core/store/libvirt_kept.h)
// and vnetctl's autostart whenever either changes, removed when no
// taken-over network is autostarted (a bridge that never comes would hold
// libvirt's daemon back for systemd's device timeout, 90 s).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace vnet {

/// A taken-over network that vnetctl brings up at boot.
struct BootBridge {
  std::string network;
  std::string bridge;
};

/// The drop-in's text: Wants= and After= each bridge's device unit (systemd
/// waits for the device to appear), After= the network's companion unit
/// (vnetctl-NAME.service: its DHCP is up when the domains' firmware asks).
/// Pure.
std::string RenderLibvirtBootOrder(const std::vector<BootBridge>& bridges);

class LibvirtBootOrder {
 public:
  /// The daemons that autostart domains: the monolithic one (Debian 12's
  /// default) and the modular QEMU daemon.
  static constexpr std::string_view kDaemons[] = {"libvirtd.service", "virtqemud.service"};
  static constexpr std::string_view kFile = "50-vnetctl.conf";

  explicit LibvirtBootOrder(std::string root) : root_(std::move(root)) {}

  /// Writes the drop-ins for `bridges`, or removes them when it is empty.
  Status Write(const std::vector<BootBridge>& bridges) const;

 private:
  std::string root_;
};

}  // namespace vnet
