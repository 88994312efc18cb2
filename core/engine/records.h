// The engine's view of the live records: which networks are active, with
// which status record. The store keeps them (cli/commands/live_common.cpp's
// StoreRecords); the engine's unit tests keep them in memory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model/network.h"
#include "core/plan/status.h"

namespace vnet::engine {

class Records {
 public:
  virtual ~Records() = default;
  /// The status record of an active network; nullopt when none is stored.
  virtual Result<std::optional<plan::NetworkStatus>> LoadStatus(const std::string& name) const = 0;
  /// The live definitions of the other active networks (for libvirt's checks).
  virtual Result<std::vector<Network>> OtherActive(const std::string& name) const = 0;
  /// The network is active as `net`, realized as `status` says.
  virtual Status RecordActive(const Network& net, const plan::NetworkStatus& status) const = 0;
  /// The network is no longer active.
  virtual Status ClearLive(const std::string& name) const = 0;
};

}  // namespace vnet::engine
