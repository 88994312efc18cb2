#pragma once

#include "backends/backend.h"

namespace vnet {

/// NetworkManager through keyfile profiles (render.h). Render returns the
/// keyfile and the companions' files (backends/common/companions.h), whose
/// systemd unit starts dnsmasq and the firewall when the bridge appears.
class NetworkManagerBackend : public Backend {
 public:
  std::string_view Name() const override { return "networkmanager"; }
  /// DetectNetworkManager (backends/detect.h).
  Availability Detect(const HostProbe& probe) const override;
  Result<Rendering> Render(const Network& net, const Caps& caps) const override;
  std::vector<Refusal> Refusals(const Network& net) const override;
  /// By the profile's uuid (activate.h).
  Commands Up(const Network& net, Placement placement) const override;
  Commands Down(const Network& net, Placement placement) const override;
  Commands Forget(const Network& net, Placement placement) const override;
  Commands Reapply(const Network& net, Placement placement) const override;
  bool KeepsFirewalldZone() const override { return true; }
};

}  // namespace vnet
