#include "backends/common/companions.h"
#include "backends/detect.h"
#include "backends/networkmanager/networkmanager_backend.h"

#include "backends/networkmanager/render.h"

namespace vnet {

Availability NetworkManagerBackend::Detect(const HostProbe& probe) const { return DetectNetworkManager(probe); }

Result<Rendering> NetworkManagerBackend::Render(const Network& net, const Caps& caps) const {
  return WithCompanions(RenderNetworkManagerNative(net, caps), net, caps, CompanionStarter::kSystemdUnit);
}

}  // namespace vnet
