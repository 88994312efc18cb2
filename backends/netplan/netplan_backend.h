#pragma once

#include "backends/backend.h"

namespace vnet {

/// netplan: one YAML file per network, rendered by networkd (see render.h).
class NetplanBackend : public Backend {
 public:
  std::string_view Name() const override { return "netplan"; }
  /// Not probed here: the integrator wires DetectNetplan (backends/detect.h).
  Availability Detect(const HostProbe& probe) const override;
  /// The native file only; the integrator adds the companions.
  Result<Rendering> Render(const Network& net, const Caps& caps) const override;
  /// `netplan generate`, then as networkd (activate.cpp).
  Commands Up(const Network& net, Placement placement) const override;
  Commands Down(const Network& net, Placement placement) const override;
  Commands Forget(const Network& net, Placement placement) const override;
};

}  // namespace vnet
