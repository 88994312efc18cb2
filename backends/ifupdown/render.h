// ifupdown (0.8 + bridge-utils) native files for one network: a single
// iface stanza that creates the bridge, gives it every address and route,
// and starts and stops vnetctl's companions in its post-up/pre-down hooks.
#pragma once

#include <string>

#include "backends/backend.h"
#include "core/error.h"
#include "core/model/network.h"

namespace vnet {

/// /etc/network/interfaces.d/vnetctl-NAME (picked up by Debian's default
/// `source /etc/network/interfaces.d/*`) or, for kRuntime, the file given to
/// `ifup -i`: /run/vnetctl/ifupdown/NAME.interfaces.
std::string IfupdownFilePath(const std::string& network, Placement placement);

/// The native file for `net` (mode 0644), or no file at all for
/// forward mode='bridge' onto an existing bridge. The persistent file adds
/// `auto BR`, so the bridge comes up at boot. kUnsupported for anything
/// ifupdown cannot realize (see CheckIfupdownSupport); kInvalidInput for a
/// value that cannot be written safely.
Result<Rendering> RenderIfupdownNative(const Network& net, const Caps& caps);

}  // namespace vnet
