#include "backends/netplan/netplan_backend.h"

#include "backends/common/companions.h"
#include "backends/detect.h"
#include "backends/netplan/render.h"

namespace vnet {

Availability NetplanBackend::Detect(const HostProbe& probe) const { return DetectNetplan(probe); }

Result<Rendering> NetplanBackend::Render(const Network& net, const Caps& caps) const {
  return WithCompanions(RenderNetplanNative(net, caps), net, caps, CompanionStarter::kSystemdUnit);
}

std::vector<Refusal> NetplanBackend::Refusals(const Network& net) const {
  return NetplanRefusals(net);
}

}  // namespace vnet
