#pragma once

#include "backends/backend.h"

namespace vnet {

/// systemd-networkd: .netdev + .network files (see render.h).
class NetworkdBackend : public Backend {
 public:
  std::string_view Name() const override { return "networkd"; }
  /// DetectNetworkd (backends/detect.h).
  Availability Detect(const HostProbe& probe) const override;
  /// The native files and the companions' (backends/common/companions.h).
  Result<Rendering> Render(const Network& net, const Caps& caps) const override;
  std::vector<Refusal> Refusals(const Network& net) const override;
  /// See activate.h.
  Commands Up(const Network& net, Placement placement) const override;
  Commands Down(const Network& net, Placement placement) const override;
  Commands Forget(const Network& net, Placement placement) const override;
};

}  // namespace vnet
