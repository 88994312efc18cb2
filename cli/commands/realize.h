// The commands' door to the engine (core/engine/): the engine wired to the
// command line's backend choice and the store's live records, and the
// output of a start/destroy/create.
#pragma once

#include <optional>
#include <string>

#include "cli/commands/live_common.h"
#include "cli/output.h"
#include "core/engine/handback.h"
#include "core/engine/realize.h"
#include "core/engine/takeover.h"

namespace vnet::cli {

struct Realized {
  plan::Plan plan;              // what differed (empty: nothing to do)
  std::string dry_run_actions;  // with --dry-run: what would be written and run
  std::vector<std::string> warnings;
};

/// engine::Realize. `active_net` and `active_status`: the network's live
/// definition and status when it is active (both or neither).
Result<Realized> Realize(const Context& ctx, LiveSession& session, const Store& store,
                         const Network& target, const Network* active_net,
                         const plan::NetworkStatus* active_status, bool autostart,
                         const apply::Inherited* inherited = nullptr);

/// engine::TakeDown of an active stored network.
Result<Realized> TakeDown(const Context& ctx, LiveSession& session, const Store& store,
                          const StoredNetwork& net);

/// engine::PlanRealize.
Result<plan::Plan> PlanRealize(const Context& ctx, LiveSession& session, const Store& store,
                               const Network& target, const Network* active_net,
                               const plan::NetworkStatus* active_status, bool autostart);

/// engine::TakeOver.
Result<engine::TakenOver> TakeOver(const Context& ctx, LiveSession& session, const Store& store,
                                   import::LibvirtClient& libvirt,
                                   const import::SourceNetwork& source, const Network& net,
                                   bool dnsmasq_dhcp, const std::string& stand_in_xml);

/// engine::HandBack.
Result<engine::HandedBack> HandBack(const Context& ctx, LiveSession& session, const Store& store,
                                    import::LibvirtClient& libvirt,
                                    const engine::HandBackRequest& request);

/// A start/destroy/create result: `done` (virsh's message), or under
/// --dry-run the plan and what would be written and run.
Output LiveOutput(const Context& ctx, const Realized& r, const std::string& done,
                  const std::string& name);

}  // namespace vnet::cli
