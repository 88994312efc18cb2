#pragma once

#include "backends/backend.h"

namespace vnet {

/// systemd-networkd: .netdev + .network files (see render.h).
class NetworkdBackend : public Backend {
 public:
  std::string_view Name() const override { return "networkd"; }
  /// Not probed here: the integrator wires DetectNetworkd (backends/detect.h).
  Availability Detect(const HostProbe& probe) const override;
  /// The native files only; the integrator adds the companions.
  Result<Rendering> Render(const Network& net, const Caps& caps) const override;
  /// See activate.h.
  Commands Up(const Network& net, Placement placement) const override;
  Commands Down(const Network& net, Placement placement) const override;
  Commands Forget(const Network& net, Placement placement) const override;
};

}  // namespace vnet
