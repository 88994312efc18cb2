#include "backends/common/companions.h"
#include "backends/detect.h"
#include "backends/networkd/networkd_backend.h"

#include "backends/networkd/render.h"

namespace vnet {

Availability NetworkdBackend::Detect(const HostProbe& probe) const { return DetectNetworkd(probe); }

Result<Rendering> NetworkdBackend::Render(const Network& net, const Caps& caps) const {
  return WithCompanions(RenderNetworkdNative(net, caps), net, caps, CompanionStarter::kSystemdUnit);
}

}  // namespace vnet
