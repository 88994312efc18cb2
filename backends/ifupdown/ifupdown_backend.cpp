#include "backends/ifupdown/ifupdown_backend.h"

#include "backends/detect.h"
#include "backends/ifupdown/render.h"

namespace vnet {

Availability IfupdownBackend::Detect(const HostProbe& probe) const { return DetectIfupdown(probe); }

Result<Rendering> IfupdownBackend::Render(const Network& net, const Caps& caps) const {
  return RenderIfupdownNative(net, caps);
}

}  // namespace vnet
