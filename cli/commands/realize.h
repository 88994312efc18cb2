// The one path every command that brings a network up or changes it goes
// through (start, create, apply, autostart, update --live): libvirt's host
// checks for a network that is not active yet, the transaction, and the live
// record. Also the way down (destroy).
#pragma once

#include <optional>
#include <string>

#include "cli/commands/live_common.h"
#include "cli/output.h"

namespace vnet::cli {

struct Realized {
  plan::Plan plan;              // what differed (empty: nothing to do)
  std::string dry_run_actions;  // with --dry-run: what would be written and run
  std::vector<std::string> warnings;
};

/// Makes the host match `target`. `active` is the network's live definition
/// and status when it is active (both or neither). `inherited`: what a first
/// start takes over from the network it replaces (import --takeover).
Result<Realized> Realize(const Context& ctx, LiveSession& session, const Store& store,
                         const Network& target, const Network* active_net,
                         const plan::NetworkStatus* active_status, bool autostart,
                         const apply::Inherited* inherited = nullptr);

/// Takes an active network down and forgets its live state.
Result<Realized> TakeDown(const Context& ctx, LiveSession& session, const Store& store,
                          const StoredNetwork& net);

/// The plan Realize would carry out, without changing anything.
Result<plan::Plan> PlanRealize(const Context& ctx, LiveSession& session, const Network& target,
                               const Network* active_net, const plan::NetworkStatus* active_status,
                               bool autostart);

/// A start/destroy/create result: `done` (virsh's message), or under
/// --dry-run the plan and what would be written and run.
Output LiveOutput(const Context& ctx, const Realized& r, const std::string& done,
                  const std::string& name);

}  // namespace vnet::cli
