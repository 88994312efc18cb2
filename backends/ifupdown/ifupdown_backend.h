// The ifupdown backend: classic Debian ifupdown 0.8 with bridge-utils.
#pragma once

#include "backends/backend.h"

namespace vnet {

class IfupdownBackend : public Backend {
 public:
  std::string_view Name() const override { return "ifupdown"; }
  /// Installed if ifup exists; "running" if ifupdown has brought interfaces up.
  Availability Detect(const HostProbe& probe) const override;
  /// The native stanza plus the companion files its hooks start (dnsmasq
  /// configuration, nftables ruleset; no systemd unit), sorted by path.
  Result<Rendering> Render(const Network& net, const Caps& caps) const override;
  std::vector<Refusal> Refusals(const Network& net) const override;
  /// `ifup -i FILE BR` / `ifdown --force -i FILE BR` (activate.cpp).
  Commands Up(const Network& net, Placement placement) const override;
  Commands Down(const Network& net, Placement placement) const override;
  Commands Forget(const Network& net, Placement placement) const override;
  /// The stanza's hooks start and stop dnsmasq and the nftables table.
  bool RunsCompanions() const override { return true; }
  /// ifup does nothing on an interface it has marked configured.
  bool ReapplyNeedsDown() const override { return true; }
};

}  // namespace vnet
