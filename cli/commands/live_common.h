// What the host-changing commands (start, destroy, create, apply, diff,
// autostart and update --live) share: the backend for a network, the apply
// environment (real or recording for --dry-run), and the status record.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "backends/backend.h"
#include "cli/context.h"
#include "core/apply/transaction.h"
#include "core/engine/records.h"
#include "core/store/store.h"

namespace vnet::cli {

/// The real host or a dry run's recorders, alive as long as this object.
class LiveSession {
 public:
  /// kPermission unless root (a dry run only reads, but reading nftables
  /// needs root as well); kUsage under an alternate --root.
  static Result<std::unique_ptr<LiveSession>> Open(const Context& ctx, bool dry_run);

  apply::Env& env() { return *env_; }
  bool dry_run() const { return dry_run_; }
  /// The commands and file actions a dry run recorded, one per line.
  std::string Recorded() const;

 private:
  LiveSession() = default;
  bool dry_run_ = false;
  std::unique_ptr<CommandRunner> runner_;
  std::unique_ptr<live::HostReader> reader_;
  std::unique_ptr<apply::HostWriter> writer_;
  std::unique_ptr<apply::Env> env_;
};

/// The status record of an active network; nullopt when none is stored.
Result<std::optional<plan::NetworkStatus>> LoadStatus(const Store& store, const std::string& name);

/// The engine's live records, kept in the store: the live definitions, the
/// status records under /run, and the boot record of an autostarted network.
class StoreRecords : public engine::Records {
 public:
  explicit StoreRecords(const Store& store) : store_(store) {}
  Result<std::optional<plan::NetworkStatus>> LoadStatus(const std::string& name) const override;
  Result<std::vector<Network>> OtherActive(const std::string& name) const override;
  Status RecordActive(const Network& net, const plan::NetworkStatus& status) const override;
  Status ClearLive(const std::string& name) const override;

 private:
  const Store& store_;
};

/// The plan as text (coloured when ctx.color) and as JSON.
std::string PlanText(const Context& ctx, const plan::Plan& p);

}  // namespace vnet::cli
