// ReadKernel: links, then bridge attributes and addresses folded into them,
// then routes, all over one NETLINK_ROUTE socket.
#include "core/live/netlink.h"

namespace vnet::live {

Result<HostState> ReadKernelState() {
  VNET_ASSIGN_OR_RETURN(NlSocket sock, ConnectRoute());
  HostState state;
  VNET_ASSIGN_OR_RETURN(state.links, ReadLinks(sock.get()));
  VNET_ASSIGN_OR_RETURN(auto bridges, ReadBridgeAttributes(sock.get()));
  for (Link& link : state.links) {
    auto it = bridges.find(link.index);
    if (it == bridges.end()) continue;
    link.stp = it->second.stp;
    link.forward_delay_cs = it->second.forward_delay_cs;
  }
  VNET_TRY(AttachAddresses(sock.get(), state.links));
  VNET_ASSIGN_OR_RETURN(state.routes, ReadRoutes(sock.get(), state.links));
  return state;
}

}  // namespace vnet::live
