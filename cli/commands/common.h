// Helpers shared by the commands: opening the store the way every command
// does, the host probe, and reading user documents.
#pragma once

#include <string>
#include <utility>

#include "backends/backend.h"
#include "cli/context.h"
#include "cli/output.h"
#include "core/error.h"
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

/// The backend (--backend, or detected) and the versions Render may rely on.
/// Under --root the host is not probed: --backend is required, since the
/// files must suit the image, not this machine.
Result<std::pair<const Backend*, Caps>> ResolveBackend(const Context& ctx, Placement placement);

/// Adds the store's read warnings to `out`.
Output WithWarnings(Output out, const Store& store);

/// "yes" / "no", as virsh prints booleans.
inline const char* YesNo(bool b) { return b ? "yes" : "no"; }

}  // namespace vnet::cli
