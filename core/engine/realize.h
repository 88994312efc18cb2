// The one path every command that brings a network up or changes it goes
// through (start, create, apply, autostart, update --live, import --start and
// --takeover): libvirt's host checks for a network that is not active yet,
// the transaction, and the live record. Also the way down (destroy), and the
// plan alone (diff, doctor).
#pragma once

#include <string>
#include <vector>

#include "core/apply/transaction.h"
#include "core/engine/backend_choice.h"
#include "core/engine/records.h"

namespace vnet::engine {

/// What the engine works with: the host (real, or a dry run's recorders),
/// the live records, and who chooses the backend.
struct Engine {
  apply::Env& env;
  const Records& records;
  BackendResolver resolve;
};

struct Realized {
  plan::Plan plan;  // what differed (empty: nothing to do)
  std::vector<std::string> warnings;
};

/// The network as it is active now: its live definition and status record
/// (both or neither).
struct Active {
  const Network* net = nullptr;
  const plan::NetworkStatus* status = nullptr;
};

/// Makes the host match `target` and records it active (not under a dry
/// run). `autostart`: its files go where the manager finds them at boot.
/// `inherited`: what a first start takes over from the network it replaces
/// (import --takeover). A start whose record cannot be written is taken
/// down again.
Result<Realized> Realize(Engine& e, const Network& target, Active active, bool autostart,
                         const apply::Inherited* inherited = nullptr);

/// The plan Realize would carry out, without changing anything.
Result<plan::Plan> PlanRealize(Engine& e, const Network& target, Active active, bool autostart);

/// Takes the active network `live` down and forgets its live record. Without
/// a status record (a start killed before it recorded what it made) it takes
/// down what that start would have made. `transient`: its leases go too.
Result<Realized> TakeDown(Engine& e, const Network& live, bool autostart, bool transient);

}  // namespace vnet::engine
