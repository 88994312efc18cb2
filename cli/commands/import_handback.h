// vnetctl import --handback NAME... [-c URI] [--dry-run]: gives networks that
// `import --takeover` took over back to libvirt (core/engine/handback.h), and
// removes vnetctl's definition of each.
#pragma once

#include "cli/commands/commands.h"

namespace vnet::cli {

RunResult HandBackNetworks(const Context& ctx, const ImportCmd::Options& opts);

}  // namespace vnet::cli
