#include "backends/networkmanager/networkmanager_backend.h"

#include "backends/common/companions.h"
#include "backends/detect.h"
#include "backends/networkmanager/render.h"
#include "backends/networkmanager/render_internal.h"

namespace vnet {

Availability NetworkManagerBackend::Detect(const HostProbe& probe) const {
  return DetectNetworkManager(probe);
}

Result<Rendering> NetworkManagerBackend::Render(const Network& net, const Caps& caps) const {
  return WithCompanions(RenderNetworkManagerNative(net, caps), net, caps,
                        CompanionStarter::kSystemdUnit);
}

std::vector<Refusal> NetworkManagerBackend::Refusals(const Network& net) const {
  return nm::SupportRefusals(net);
}

}  // namespace vnet
