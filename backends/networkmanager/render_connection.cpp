#include "backends/networkmanager/render.h"
#include "backends/networkmanager/render_internal.h"

namespace vnet::nm {

// libnm writes id, uuid and type first, then the other keys alphabetically;
// autoconnect=true is its default and so is left out.
void AddConnection(Keyfile& kf, const Network& net, const BridgeParams& params, const Caps& caps) {
  kf.Set("connection", "id", NetworkManagerConnectionId(net.name));
  kf.Set("connection", "uuid", NetworkManagerConnectionUuid(net).ToString());
  kf.Set("connection", "type", "bridge");
  kf.Set("connection", "interface-name", params.name);
  // The zone the engine chose on this host (libvirt's rules, <bridge zone>
  // first): NetworkManager hands it to firewalld whenever it activates the
  // bridge, and firewalld asks NetworkManager for it again on a reload.
  if (!caps.firewalld_zone.empty()) {
    kf.Set("connection", "zone", caps.firewalld_zone);
  } else if (net.bridge && net.bridge->zone) {
    kf.Set("connection", "zone", *net.bridge->zone);
  }
  kf.Section("ethernet");
  if (net.mtu) kf.Set("ethernet", "mtu", std::to_string(*net.mtu));
}

}  // namespace vnet::nm
