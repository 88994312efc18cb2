// Which backend a network goes through: what the engine asks for, and what it
// gets back. Choosing means probing the host (manager and dnsmasq versions,
// a cache under /run) and reading the command line's --backend, so the
// engine only asks; the caller answers (cli/commands/common.cpp's
// ResolveBackend, a fixed backend in the engine's unit tests).
#pragma once

#include <functional>

#include "backends/backend.h"
#include "core/error.h"
#include "core/plan/status.h"

namespace vnet::engine {

/// The backend a network goes through and the versions Render may rely on.
struct BackendFor {
  const Backend* backend = nullptr;
  Caps caps;
};

/// What the engine asks the resolver for.
struct BackendRequest {
  Placement placement = Placement::kRuntime;  // autostart → kPersistent (/etc)
  /// The status record when the network is active: the backend that realized
  /// it is the one it goes through (a different --backend is refused).
  const plan::NetworkStatus* active = nullptr;
  /// Whether the detection cache (/run/vnetctl/probes) may be written (not
  /// under --dry-run).
  bool save_probes = true;
};

using BackendResolver = std::function<Result<BackendFor>(const BackendRequest&)>;

}  // namespace vnet::engine
