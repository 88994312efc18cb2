// A network's companions: what vnetctl runs beside the manager so that every
// backend gives guests the same DHCP, DNS, NAT and firewall as libvirt's
// network driver. Each is one object here, with its whole life cycle, and
// the transaction (core/apply/transaction.cpp) loops over Companions():
//
//   render    its files come from backends/common/ (the backend's Render
//             appends them, each with its FileRole), because the backends'
//             boot integration embeds them: the systemd unit an autostarted
//             network gets (backends/common/companions.cpp) and ifupdown's
//             hooks start them with the bridge;
//   desire    its part of plan::Desired;
//   plan      its steps against the host as observed, for a start or apply
//             and for a destroy;
//   start     the commands that carry out its steps (start, restart,
//             reload, stop where the network no longer needs it);
//   stop      the commands that take it down (destroy);
//   undo      the commands that put back what a failed change did;
//   verify    what a verified start records of it in the status record (the
//             transaction re-plans until no step is left, so a companion is
//             verified by the same comparison that planned it).
//
// Pure: commands are returned, core/apply runs them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "backends/backend.h"
#include "core/model/network.h"
#include "core/plan/plan.h"

namespace vnet::plan {

/// When the transaction brings a companion up: before the manager brings the
/// bridge up (the host's firewall lets the traffic through from its first
/// packet, as libvirt orders it), or after (dnsmasq binds the bridge's
/// addresses). Companions stop in the reverse order.
enum class Phase { kBeforeBridge, kAfterBridge };

/// A change that failed and is being undone.
struct Undoing {
  const Network& net;   // the network the change was making
  const Desired& want;  // what it desired
  const Plan& plan;     // its steps
  /// The network active before the change and its record; both null for a
  /// first start, which is undone by taking everything away.
  const Network* old = nullptr;
  const NetworkStatus* old_status = nullptr;
};

class Companion {
 public:
  virtual ~Companion() = default;
  /// "dnsmasq", "nftables", "forwarding", "passages", "firewalld".
  virtual std::string_view Name() const = 0;
  virtual Phase When() const = 0;
  /// Started by the manager's own hooks with the bridge where the backend
  /// has them (Backend::RunsCompanions, ifupdown); the transaction then
  /// leaves it to them whenever it (re)applies the native configuration.
  virtual bool StartedByManagerHooks() const { return false; }
  /// Its start may fail for a moment after its own stop (dnsmasq: the old
  /// instance's DNS socket): the transaction tries again briefly.
  virtual bool RetriesStart() const { return false; }

  virtual void Desire(const Network& net, const Backend& backend, const Caps& caps,
                      Desired& want) const = 0;
  virtual void PlanStart(const Desired& want, const NetworkStatus* before, const Observed& have,
                         Plan& out) const = 0;
  virtual void PlanStop(const NetworkStatus& before, const Observed& have, Plan& out) const = 0;
  virtual Commands Start(const Network& net, const Desired& want, const Plan& plan) const = 0;
  virtual Commands Stop(const Network& net, const NetworkStatus& status) const = 0;
  /// Files its process leaves behind when stopped (dnsmasq's pid file).
  virtual std::vector<std::string> Leftovers(const Network& net) const {
    (void)net;
    return {};
  }
  virtual Commands Undo(const Undoing& u) const = 0;
  /// Its part of the status record; `seen` is the host after a verified
  /// start, null where nothing was verified (a killed start's record, which
  /// is rebuilt from what that start desired).
  virtual void Record(const Desired& want, const Observed* seen, NetworkStatus& s) const = 0;
};

/// Every companion, in the order they come up and a plan lists their steps:
/// passages (the host's firewall lets the traffic through before the
/// network's own table is loaded), firewalld, nftables, forwarding (all
/// before the bridge), dnsmasq (after). They go down in the reverse order.
const std::vector<const Companion*>& Companions();

const Companion& PassagesCompanion();
const Companion& FirewalldCompanion();
const Companion& NftablesCompanion();
const Companion& ForwardingCompanion();
const Companion& DnsmasqCompanion();

/// `more` appended to `to`.
void Append(Commands& to, Commands more);

}  // namespace vnet::plan
