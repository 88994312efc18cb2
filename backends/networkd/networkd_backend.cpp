#include "backends/networkd/networkd_backend.h"

#include "backends/common/companions.h"
#include "backends/detect.h"
#include "backends/networkd/render.h"

namespace vnet {

Availability NetworkdBackend::Detect(const HostProbe& probe) const { return DetectNetworkd(probe); }

Result<Rendering> NetworkdBackend::Render(const Network& net, const Caps& caps) const {
  return WithCompanions(RenderNetworkdNative(net, caps), net, caps, CompanionStarter::kSystemdUnit);
}

std::vector<Refusal> NetworkdBackend::Refusals(const Network& net) const {
  return NetworkdRefusals(net);
}

}  // namespace vnet
