#pragma once

#include "backends/backend.h"

namespace vnet {

/// NetworkManager through keyfile profiles (render.h). Render returns the
/// native files only; the integrator adds the companions.
class NetworkManagerBackend : public Backend {
 public:
  std::string_view Name() const override { return "networkmanager"; }
  /// Not probed yet: returns Availability{} with reason "not probed".
  Availability Detect(const HostProbe& probe) const override;
  Result<Rendering> Render(const Network& net, const Caps& caps) const override;
  /// By the profile's uuid (activate.h).
  Commands Up(const Network& net, Placement placement) const override;
  Commands Down(const Network& net, Placement placement) const override;
  Commands Forget(const Network& net, Placement placement) const override;
  Commands Reapply(const Network& net, Placement placement) const override;
};

}  // namespace vnet
