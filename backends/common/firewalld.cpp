#include "backends/common/firewalld.h"

namespace vnet {

namespace {

constexpr const char* kFirewallCmd = "/usr/bin/firewall-cmd";

}  // namespace

Commands FirewalldBind(const std::string& zone, const std::string& bridge, bool permanent) {
  // --change-interface moves the interface out of any other zone, or adds it.
  Commands cmds = {{{kFirewallCmd, "--quiet", "--zone=" + zone, "--change-interface=" + bridge}}};
  if (permanent) {
    cmds.push_back({{kFirewallCmd, "--quiet", "--permanent", "--zone=" + zone,
                     "--change-interface=" + bridge}});
  }
  return cmds;
}

Commands FirewalldUnbind(const std::string& zone, const std::string& bridge, bool permanent) {
  Commands cmds = {
      {{kFirewallCmd, "--quiet", "--zone=" + zone, "--remove-interface=" + bridge}, true}};
  if (permanent) {
    cmds.push_back(
        {{kFirewallCmd, "--quiet", "--permanent", "--zone=" + zone, "--remove-interface=" + bridge},
         true});
  }
  return cmds;
}

}  // namespace vnet
