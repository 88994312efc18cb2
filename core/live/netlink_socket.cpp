// The libnl socket and the conversions every netlink reader shares.
#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <sys/socket.h>

#include <cstring>

#include "core/live/netlink.h"

namespace vnet::live {

void NlSocketDeleter::operator()(nl_sock* sock) const { nl_socket_free(sock); }

Error NetlinkError(const std::string& what, int nl_err) {
  const int code = nl_err < 0 ? -nl_err : nl_err;
  const bool denied = code == NLE_PERM || code == NLE_NOACCESS;
  const ErrorKind kind = denied ? ErrorKind::kPermission : ErrorKind::kSystem;
  return MakeError(kind, "cannot " + what + " over netlink: " + nl_geterror(nl_err));
}

Result<NlSocket> ConnectRoute() {
  NlSocket sock(nl_socket_alloc());
  if (!sock) return NetlinkError("allocate a socket", -NLE_NOMEM);
  // Link dumps with many VFs or long alt-names exceed a page: let libnl peek
  // at each message's size instead of truncating it.
  nl_socket_enable_msg_peek(sock.get());
  if (int err = nl_connect(sock.get(), NETLINK_ROUTE); err < 0) {
    return NetlinkError("connect", err);
  }
  return sock;
}

void NlCacheDeleter::operator()(nl_cache* cache) const { nl_cache_free(cache); }

Result<NlCache> AllocCache(const std::string& what, const std::function<int(nl_cache**)>& alloc) {
  int err = -NLE_DUMP_INTR;
  for (int attempt = 0; attempt < kDumpAttempts && err == -NLE_DUMP_INTR; ++attempt) {
    nl_cache* raw = nullptr;
    err = alloc(&raw);
    NlCache cache(raw);
    if (err >= 0) return cache;
  }
  return NetlinkError(what, err);
}

std::optional<IpAddr> IpFromNl(nl_addr* addr) {
  if (addr == nullptr) return std::nullopt;
  const int family = nl_addr_get_family(addr);
  const unsigned len = nl_addr_get_len(addr);
  IpAddr ip;
  if (family == AF_INET) {
    ip.family = Family::kIpv4;
  } else if (family == AF_INET6) {
    ip.family = Family::kIpv6;
  } else {
    return std::nullopt;
  }
  if (len == 0) return ip;  // libnl's "any": a default route's destination
  if (len != static_cast<unsigned>(ip.Bytes())) return std::nullopt;
  std::memcpy(ip.bytes.data(), nl_addr_get_binary_addr(addr), len);
  return ip;
}

}  // namespace vnet::live
