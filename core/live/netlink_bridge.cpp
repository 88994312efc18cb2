// Bridge STP state and forward delay. libnl 3.7 parses a bridge's
// IFLA_INFO_DATA into nothing it exposes (its bridge API covers port flags and
// VLANs only), so this sends its own RTM_GETLINK dump and reads the two
// IFLA_BR_* attributes with libnl's nlmsg/nla parsers.
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "core/live/netlink.h"

namespace vnet::live {
namespace {

using BridgeMap = std::map<int, BridgeAttributes>;

std::optional<uint32_t> U32(nlattr* attr) {
  if (attr == nullptr || nla_len(attr) < static_cast<int>(sizeof(uint32_t))) return std::nullopt;
  return nla_get_u32(attr);
}

// IFLA_LINKINFO/IFLA_INFO_DATA of a bridge, or nullptr for any other link.
nlattr* BridgeData(nlmsghdr* hdr, nlattr** info) {
  nlattr* top[IFLA_MAX + 1];
  if (nlmsg_parse(hdr, sizeof(ifinfomsg), top, IFLA_MAX, nullptr) < 0) return nullptr;
  if (top[IFLA_LINKINFO] == nullptr) return nullptr;
  if (nla_parse_nested(info, IFLA_INFO_MAX, top[IFLA_LINKINFO], nullptr) < 0) return nullptr;
  if (info[IFLA_INFO_KIND] == nullptr || nla_strcmp(info[IFLA_INFO_KIND], "bridge") != 0) {
    return nullptr;
  }
  return info[IFLA_INFO_DATA];
}

int OnLink(nl_msg* msg, void* arg) {
  nlmsghdr* hdr = nlmsg_hdr(msg);
  nlattr* info[IFLA_INFO_MAX + 1];
  nlattr* data = BridgeData(hdr, info);
  nlattr* br[IFLA_BR_MAX + 1];
  if (data == nullptr || nla_parse_nested(br, IFLA_BR_MAX, data, nullptr) < 0) return NL_OK;
  std::optional<uint32_t> stp = U32(br[IFLA_BR_STP_STATE]);
  // The kernel reports the delay as clock_t (USER_HZ = 100), i.e. centiseconds.
  std::optional<uint32_t> delay = U32(br[IFLA_BR_FORWARD_DELAY]);
  if (!stp || !delay) return NL_OK;
  const auto* ifi = static_cast<const ifinfomsg*>(nlmsg_data(hdr));
  (*static_cast<BridgeMap*>(arg))[ifi->ifi_index] = BridgeAttributes{*stp != 0, *delay};
  return NL_OK;
}

int DumpOnce(nl_sock* sock, BridgeMap& out) {
  out.clear();
  ifinfomsg request{};
  request.ifi_family = AF_UNSPEC;
  int err = nl_send_simple(sock, RTM_GETLINK, NLM_F_DUMP, &request, sizeof(request));
  if (err < 0) return err;
  nl_cb* cb = nl_cb_alloc(NL_CB_DEFAULT);
  if (cb == nullptr) return -NLE_NOMEM;
  nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, OnLink, &out);
  err = nl_recvmsgs(sock, cb);
  nl_cb_put(cb);
  return err;
}

}  // namespace

Result<BridgeMap> ReadBridgeAttributes(nl_sock* sock) {
  BridgeMap out;
  int err = DumpOnce(sock, out);
  for (int attempt = 1; attempt < kDumpAttempts && err == -NLE_DUMP_INTR; ++attempt) {
    err = DumpOnce(sock, out);
  }
  if (err < 0) return NetlinkError("read bridge attributes", err);
  return out;
}

}  // namespace vnet::live
