// The kernel's links, bridge attributes, addresses and routes, read with
// libnl-route-3 (one netlink dump each) in the calling thread's network
// namespace. Internal to core/live: callers use HostReader::ReadKernel.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/live/host_state.h"
#include "core/net/address.h"

struct nl_sock;
struct nl_addr;
struct nl_cache;

namespace vnet::live {

struct NlSocketDeleter {
  void operator()(nl_sock* sock) const;
};
using NlSocket = std::unique_ptr<nl_sock, NlSocketDeleter>;

/// A socket connected to NETLINK_ROUTE.
Result<NlSocket> ConnectRoute();
/// "cannot WHAT over netlink: libnl's message" (kPermission for EPERM/EACCES).
Error NetlinkError(const std::string& what, int nl_err);
struct NlCacheDeleter {
  void operator()(nl_cache* cache) const;
};
using NlCache = std::unique_ptr<nl_cache, NlCacheDeleter>;

/// The kernel flags a dump that raced with a change (NLE_DUMP_INTR); such a
/// dump is repeated, up to this many attempts in all.
inline constexpr int kDumpAttempts = 3;
/// A cache filled by `alloc` (e.g. rtnl_link_alloc_cache bound to a socket),
/// dumped again while the dump was interrupted. `what` names it in errors.
Result<NlCache> AllocCache(const std::string& what, const std::function<int(nl_cache**)>& alloc);
/// An IPv4/IPv6 nl_addr as an IpAddr; a zero-length address (the default
/// route's destination) is the family's all-zero address.
std::optional<IpAddr> IpFromNl(nl_addr* addr);

/// Every link (no addresses, no bridge attributes), sorted by name.
Result<std::vector<Link>> ReadLinks(nl_sock* sock);

struct BridgeAttributes {
  bool stp = false;
  unsigned forward_delay_cs = 0;
};
/// STP state and forward delay of every bridge, by interface index.
Result<std::map<int, BridgeAttributes>> ReadBridgeAttributes(nl_sock* sock);

/// Appends every address to its link (matched by index), in dump order.
Status AttachAddresses(nl_sock* sock, std::vector<Link>& links);

/// Unicast routes of the main table, both families; `links` names the devices.
Result<std::vector<Route>> ReadRoutes(nl_sock* sock, const std::vector<Link>& links);

/// All of the above, put together.
Result<HostState> ReadKernelState();

}  // namespace vnet::live
