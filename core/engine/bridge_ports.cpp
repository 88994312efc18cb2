#include "core/engine/bridge_ports.h"

#include "core/apply/run_commands.h"

namespace vnet::engine {

std::vector<std::string> PortsOf(const live::HostState& kernel, const std::string& bridge) {
  std::vector<std::string> ports;
  for (const live::Link& l : kernel.links) {
    if (l.master == bridge) ports.push_back(l.name);
  }
  return ports;
}

void Replug(apply::Env& env, const std::vector<std::string>& ports, const std::string& bridge) {
  vnet::Commands replug;
  for (const std::string& port : ports) {
    replug.push_back({{"ip", "link", "set", "dev", port, "master", bridge}, /*may_fail=*/true});
  }
  std::vector<std::string> notes;
  apply::RunBestEffort(env, replug, notes);
}

}  // namespace vnet::engine
