#include "backends/netplan/netplan_backend.h"

#include "backends/netplan/render.h"

namespace vnet {

Availability NetplanBackend::Detect(const HostProbe& /*probe*/) const {
  Availability a;
  a.reason = "not probed";
  return a;
}

Result<Rendering> NetplanBackend::Render(const Network& net, const Caps& caps) const {
  return RenderNetplanNative(net, caps);
}

}  // namespace vnet
