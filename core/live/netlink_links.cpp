// Links from libnl's link cache: one RTM_GETLINK dump.
#include <linux/if.h>
#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/route/link.h>

#include <algorithm>
#include <cstring>

#include "core/live/netlink.h"

namespace vnet::live {
namespace {

std::optional<MacAddr> MacFromNl(nl_addr* addr) {
  MacAddr mac;
  // Only Ethernet-style addresses: tunnels and similar links have none or
  // another length, and "no MAC" is the honest answer for them.
  if (addr == nullptr || nl_addr_get_len(addr) != mac.bytes.size()) return std::nullopt;
  std::memcpy(mac.bytes.data(), nl_addr_get_binary_addr(addr), mac.bytes.size());
  return mac;
}

Link LinkFromNl(rtnl_link* nl) {
  Link link;
  link.index = rtnl_link_get_ifindex(nl);
  link.name = rtnl_link_get_name(nl);
  const char* kind = rtnl_link_get_type(nl);
  link.kind = kind != nullptr ? kind : "";
  const unsigned flags = rtnl_link_get_flags(nl);
  link.admin_up = (flags & IFF_UP) != 0;
  link.lower_up = (flags & IFF_LOWER_UP) != 0;
  link.mtu = rtnl_link_get_mtu(nl);
  link.mac = MacFromNl(rtnl_link_get_addr(nl));
  return link;
}

// Masters are known by index in the dump; names are what callers compare.
void NameMasters(std::vector<Link>& links, const std::map<int, int>& master_of) {
  std::map<int, std::string> names;
  for (const Link& link : links) names[link.index] = link.name;
  for (Link& link : links) {
    auto master = master_of.find(link.index);
    if (master == master_of.end()) continue;
    if (auto name = names.find(master->second); name != names.end()) link.master = name->second;
  }
}

}  // namespace

Result<std::vector<Link>> ReadLinks(nl_sock* sock) {
  VNET_ASSIGN_OR_RETURN(NlCache cache, AllocCache("list links", [&](nl_cache** out) {
                          return rtnl_link_alloc_cache(sock, AF_UNSPEC, out);
                        }));

  std::vector<Link> links;
  std::map<int, int> master_of;  // link index -> its master's index
  for (nl_object* obj = nl_cache_get_first(cache.get()); obj; obj = nl_cache_get_next(obj)) {
    auto* nl = reinterpret_cast<rtnl_link*>(obj);
    links.push_back(LinkFromNl(nl));
    if (int master = rtnl_link_get_master(nl); master > 0) master_of[links.back().index] = master;
  }
  NameMasters(links, master_of);
  std::sort(links.begin(), links.end(),
            [](const Link& a, const Link& b) { return a.name < b.name; });
  return links;
}

}  // namespace vnet::live
