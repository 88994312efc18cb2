// Addresses from libnl's address cache: one RTM_GETADDR dump.
#include <linux/if_addr.h>
#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/route/addr.h>

#include <algorithm>

#include "core/live/netlink.h"

namespace vnet::live {

Status AttachAddresses(nl_sock* sock, std::vector<Link>& links) {
  VNET_ASSIGN_OR_RETURN(NlCache cache, AllocCache("list addresses", [&](nl_cache** out) {
                          return rtnl_addr_alloc_cache(sock, out);
                        }));
  for (nl_object* obj = nl_cache_get_first(cache.get()); obj; obj = nl_cache_get_next(obj)) {
    auto* nl = reinterpret_cast<rtnl_addr*>(obj);
    // IFA_LOCAL is the address the host owns (on point-to-point links
    // IFA_ADDRESS is the peer's).
    std::optional<IpAddr> ip = IpFromNl(rtnl_addr_get_local(nl));
    const int index = rtnl_addr_get_ifindex(nl);
    auto link =
        std::find_if(links.begin(), links.end(), [&](const Link& l) { return l.index == index; });
    if (!ip || link == links.end()) continue;  // another family, or a link gone meanwhile
    link->addresses.push_back(Address{*ip, static_cast<unsigned>(rtnl_addr_get_prefixlen(nl)),
                                      (rtnl_addr_get_flags(nl) & IFA_F_TENTATIVE) != 0});
  }
  return OkStatus();
}

}  // namespace vnet::live
