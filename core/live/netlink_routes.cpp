// Routes from libnl's route cache: one RTM_GETROUTE dump of every family,
// kept to unicast routes of the main table.
#include <linux/rtnetlink.h>
#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/route/nexthop.h>
#include <netlink/route/route.h>

#include <algorithm>

#include "core/live/netlink.h"

namespace vnet::live {
namespace {

std::string LinkName(const std::vector<Link>& links, int index) {
  auto it =
      std::find_if(links.begin(), links.end(), [&](const Link& l) { return l.index == index; });
  return it == links.end() ? std::string() : it->name;
}

bool Wanted(rtnl_route* nl) {
  const int family = rtnl_route_get_family(nl);
  return (family == AF_INET || family == AF_INET6) && rtnl_route_get_table(nl) == RT_TABLE_MAIN &&
         rtnl_route_get_type(nl) == RTN_UNICAST;
}

std::optional<Route> RouteFromNl(rtnl_route* nl, const std::vector<Link>& links) {
  nl_addr* dst = rtnl_route_get_dst(nl);
  std::optional<IpAddr> dest = IpFromNl(dst);
  if (!dest) return std::nullopt;
  Route route;
  route.dest = *dest;
  route.prefix = nl_addr_get_prefixlen(dst);
  route.metric = rtnl_route_get_priority(nl);
  route.table = rtnl_route_get_table(nl);
  char proto[64];
  route.protocol = rtnl_route_proto2str(rtnl_route_get_protocol(nl), proto, sizeof(proto));
  // A multipath route is reported by its first hop: the plan compares the
  // routes vnetctl itself adds, which always have a single one.
  if (rtnl_route_get_nnexthops(nl) > 0) {
    rtnl_nexthop* hop = rtnl_route_nexthop_n(nl, 0);
    route.gateway = IpFromNl(rtnl_route_nh_get_gateway(hop));
    route.dev = LinkName(links, rtnl_route_nh_get_ifindex(hop));
  }
  return route;
}

}  // namespace

Result<std::vector<Route>> ReadRoutes(nl_sock* sock, const std::vector<Link>& links) {
  VNET_ASSIGN_OR_RETURN(NlCache cache, AllocCache("list routes", [&](nl_cache** out) {
                          return rtnl_route_alloc_cache(sock, AF_UNSPEC, 0, out);
                        }));
  std::vector<Route> routes;
  for (nl_object* obj = nl_cache_get_first(cache.get()); obj; obj = nl_cache_get_next(obj)) {
    auto* nl = reinterpret_cast<rtnl_route*>(obj);
    if (!Wanted(nl)) continue;
    if (std::optional<Route> route = RouteFromNl(nl, links)) routes.push_back(std::move(*route));
  }
  return routes;
}

}  // namespace vnet::live
