#include "backends/networkmanager/render.h"
#include "backends/networkmanager/render_internal.h"

namespace vnet::nm {

// libnm writes id, uuid and type first, then the other keys alphabetically;
// autoconnect=true is its default and so is left out.
void AddConnection(Keyfile& kf, const Network& net, const BridgeParams& params) {
  kf.Set("connection", "id", NetworkManagerConnectionId(net.name));
  kf.Set("connection", "uuid", NetworkManagerConnectionUuid(net).ToString());
  kf.Set("connection", "type", "bridge");
  kf.Set("connection", "interface-name", params.name);
  if (net.bridge && net.bridge->zone) kf.Set("connection", "zone", *net.bridge->zone);
  kf.Section("ethernet");
  if (net.mtu) kf.Set("ethernet", "mtu", std::to_string(*net.mtu));
}

}  // namespace vnet::nm
