// Apply as a transaction: write the files, activate through the backend, re-
// read the host and verify that every planned step took effect; on any
// failure put back the previous files and live state and report what still
// differs. Also the reverse (destroy). Side effects go through Env, so a dry
// run swaps in recorders.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "backends/backend.h"
#include "core/apply/host_writer.h"
#include "core/exec/command_runner.h"
#include "core/live/host_reader.h"
#include "core/model/network.h"
#include "core/plan/plan.h"
#include "core/plan/status.h"

namespace vnet::apply {

struct Env {
  CommandRunner& runner;
  live::HostReader& reader;
  HostWriter& writer;
  bool dry_run = false;  // runner and writer record; nothing is waited for or verified
  /// Test hook (VNETCTL_FAULT): fail as if the step of this name had failed:
  /// "files-written", "activated" or "verified".
  std::string fault;
  std::chrono::milliseconds settle{30000};  // how long managers get to converge
};

/// What a network that replaces another one on the same bridge (a takeover
/// from libvirt) inherits from it.
struct Inherited {
  /// dnsmasq lease-file text, written before vnetctl's dnsmasq first starts so
  /// running guests renew the addresses they have. Unused where the manager
  /// serves DHCP itself (no dnsmasq).
  std::string dnsmasq_leases;
  /// Links (guests' taps) that were ports of the old bridge: attached to the
  /// new bridge once it is up.
  std::vector<std::string> ports;
};

/// The network to converge to.
struct Target {
  const Network* net = nullptr;
  const Backend* backend = nullptr;
  Caps caps;
  const Inherited* inherited = nullptr;  // only for a first start
};

/// The network as it is active now; both null when it is not active.
struct Current {
  const Network* net = nullptr;
  const plan::NetworkStatus* status = nullptr;
};

struct Outcome {
  plan::Plan plan;             // what differed before the change
  plan::NetworkStatus status;  // the record to keep while the network is active
  std::vector<std::string> warnings;
};

/// Whether the host holds a manager file vnetctl renders for the network (the
/// file names carry its name) while the network is not recorded as active:
/// a start or apply killed before it recorded the network left it there, and
/// the bridge those files make is vnetctl's own, to adopt and converge rather
/// than refuse as a stranger's device.
Result<bool> LeftByKilledStart(Env& env, const Target& target);

/// The record a start killed before recording would have written: what
/// `target` puts on the host (its files, bridge, nft table, dnsmasq,
/// firewalld zone) and the passages for its bridge the host has, so that
/// destroy can take down what that start left.
Result<plan::NetworkStatus> ReconstructStatus(Env& env, const Target& target);

/// The plan only (diff, --dry-run).
Result<plan::Plan> PlanConverge(Env& env, const Target& target, const Current& current);

/// start / apply: makes the host match `target`. Nothing to do → the plan is
/// empty and nothing ran. On failure the host is put back as it was and the
/// error says what failed and what still differed.
Result<Outcome> Converge(Env& env, const Target& target, const Current& current);

/// destroy: removes everything `status` records, and verifies it is gone.
/// `forget_leases` removes the lease file too (a transient network).
Result<plan::Plan> Destroy(Env& env, const Backend& backend, const Network& net,
                           const plan::NetworkStatus& status, bool forget_leases);

}  // namespace vnet::apply
