#include "backends/networkd/networkd_backend.h"

#include "backends/networkd/render.h"

namespace vnet {

Availability NetworkdBackend::Detect(const HostProbe& /*probe*/) const {
  Availability a;
  a.reason = "not probed";
  return a;
}

Result<Rendering> NetworkdBackend::Render(const Network& net, const Caps& caps) const {
  return RenderNetworkdNative(net, caps);
}

}  // namespace vnet
