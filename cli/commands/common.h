// Helpers shared by the commands: opening the store the way every command
// does, the host probe, and reading user documents.
#pragma once

#include <string>
#include <utility>

#include "backends/backend.h"
#include "cli/context.h"
#include "cli/output.h"
#include "core/engine/backend_choice.h"
#include "core/error.h"
#include "core/plan/status.h"
#include "core/store/define_network.h"
#include "core/store/store.h"

namespace vnet::cli {

/// The store under ctx.root, seeded with `default` when new; `lock` for
/// commands that change it.
Result<Store> OpenStore(const Context& ctx, bool lock);

/// /sys/class/net/NAME on the real root; no probe under an alternate --root.
LinkProbe HostLinkProbe(const Context& ctx);

/// A file named on the command line ("-" = stdin), at most xml::kMaxXmlBytes.
Result<std::string> ReadDocument(const Context& ctx, const std::string& path);

/// Whether a NAME|FILE argument names a file: "-", a path, or "*.xml".
inline bool LooksLikeFile(const std::string& arg) {
  return arg == "-" || arg.find('/') != std::string::npos || arg.ends_with(".xml");
}

/// Where backend detection keeps the answers of version commands
/// (CachingHostProbe): /run/vnetctl/probes on the real root as root, else
/// nowhere ("").
std::string ProbeCacheFile(const Context& ctx);

using engine::BackendFor;
using engine::BackendRequest;

/// The one backend resolver: the active network's backend, else --backend /
/// VNETCTL_BACKEND (refused with exit 69 when it cannot work on this host),
/// else auto's choice; with the manager's and dnsmasq's detected versions.
/// Under --root the host is not probed: --backend is required, since the
/// files must suit the image, not this machine.
Result<BackendFor> ResolveBackend(const Context& ctx, const BackendRequest& request);

/// Adds the store's read warnings to `out`.
Output WithWarnings(Output out, const Store& store);

/// Adds what `net` has that libvirt accepts and is unwise (NetworkWarnings),
/// leaving out what `before` had already (an update warns about its own
/// change only).
Output WithNetworkWarnings(Output out, const Network& net, const Network* before = nullptr);

/// Rewrites libvirt's boot order (core/store/libvirt_boot_order.h) from the
/// networks taken over from libvirt and vnetctl's autostart: after every
/// command that changes either (import, autostart, undefine, define).
/// A failure is a warning on `out`: the command's own change stands.
Output WithLibvirtBootOrder(Output out, const Context& ctx, const Store& store);

/// "yes" / "no", as virsh prints booleans.
inline const char* YesNo(bool b) { return b ? "yes" : "no"; }

}  // namespace vnet::cli
