// A HostReader that answers each question once: the first answer is kept and
// given again. For commands that only look (diff, --dry-run), where nothing
// changes the host between questions: a diff of a hundred active networks
// then dumps links, listeners and sysctls once, not once per network.
#pragma once

#include <memory>

#include "core/live/host_reader.h"

namespace vnet::live {

/// Wraps `reader`; only valid while nothing changes the host.
std::unique_ptr<HostReader> MakeSnapshotHostReader(std::unique_ptr<HostReader> reader);

}  // namespace vnet::live
