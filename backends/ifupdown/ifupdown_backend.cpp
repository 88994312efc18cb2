#include "backends/ifupdown/ifupdown_backend.h"

#include <algorithm>

#include "backends/common/companions.h"
#include "backends/detect.h"
#include "backends/ifupdown/render.h"
#include "backends/ifupdown/support.h"

namespace vnet {

Availability IfupdownBackend::Detect(const HostProbe& probe) const { return DetectIfupdown(probe); }

Result<Rendering> IfupdownBackend::Render(const Network& net, const Caps& caps) const {
  VNET_ASSIGN_OR_RETURN(Rendering rendering, RenderIfupdownNative(net, caps));
  VNET_ASSIGN_OR_RETURN(std::vector<RenderedFile> companions,
                        RenderCompanions(net, caps, CompanionStarter::kManagerHooks));
  rendering.files.insert(rendering.files.end(), companions.begin(), companions.end());
  std::sort(rendering.files.begin(), rendering.files.end(),
            [](const RenderedFile& a, const RenderedFile& b) { return a.path < b.path; });
  return rendering;
}

std::vector<Refusal> IfupdownBackend::Refusals(const Network& net) const {
  return ifupdown::IfupdownRefusals(net);
}

}  // namespace vnet
