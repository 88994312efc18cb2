#pragma once

#include "backends/backend.h"

namespace vnet {

/// netplan: one YAML file per network, rendered by networkd (see render.h).
class NetplanBackend : public Backend {
 public:
  std::string_view Name() const override { return "netplan"; }
  /// DetectNetplan (backends/detect.h).
  Availability Detect(const HostProbe& probe) const override;
  /// The netplan YAML and the companions' files (backends/common/companions.h).
  Result<Rendering> Render(const Network& net, const Caps& caps) const override;
  std::vector<Refusal> Refusals(const Network& net) const override;
  /// `netplan generate`, then as networkd (activate.cpp).
  Commands Up(const Network& net, Placement placement) const override;
  Commands Down(const Network& net, Placement placement) const override;
  Commands Forget(const Network& net, Placement placement) const override;
};

}  // namespace vnet
