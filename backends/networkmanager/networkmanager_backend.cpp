#include "backends/networkmanager/networkmanager_backend.h"

#include "backends/networkmanager/render.h"

namespace vnet {

Availability NetworkManagerBackend::Detect(const HostProbe& /*probe*/) const {
  Availability a;
  a.reason = "not probed";
  return a;
}

Result<Rendering> NetworkManagerBackend::Render(const Network& net, const Caps& caps) const {
  return RenderNetworkManagerNative(net, caps);
}

}  // namespace vnet
