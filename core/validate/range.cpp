// virSocketAddrGetRange and virNetworkIPDefPrefix (src/util/virsocketaddr.c,
// src/conf/network_conf.c), with libvirt's exact messages.
#include <algorithm>

#include "core/validate/rules.h"

namespace vnet::validate {

namespace {

bool IsZero(const IpAddr& a) {
  return std::all_of(a.bytes.begin(), a.bytes.begin() + a.Bytes(),
                     [](uint8_t b) { return b == 0; });
}

// libvirt's "legacy check that everything except the last two bytes are the
// same": 2 of 4 bytes for IPv4, 7 of 8 16-bit words (14 bytes) for IPv6.
bool SameHighBytes(const IpAddr& a, const IpAddr& b) {
  int n = a.Bytes() - 2;
  return std::equal(a.bytes.begin(), a.bytes.begin() + n, b.bytes.begin());
}

// Checks against the enclosing network; false after reporting.
bool CheckInNetwork(Errors& errs, const IpAddr& start, const IpAddr& end, const IpAddr& network,
                    int prefix, const SourceLoc& where) {
  const std::string s = start.ToString(), e = end.ToString(), n = network.ToString();
  const std::string p = std::to_string(prefix);
  if (start.family != network.family) {
    Report(errs, Code::kInternalError,
           Subst("mismatch of address family in range %s - %s for network %s", {s, e, n}), where);
    return false;
  }
  if (prefix < 0 || prefix > network.Bits()) {
    Report(errs, Code::kInternalError,
           Subst("bad prefix %s for network %s when checking range %s - %s", {p, n, s, e}), where);
    return false;
  }
  if (!InSubnet(start, network, prefix) || !InSubnet(end, network, prefix)) {
    Report(errs, Code::kInternalError,
           Subst("range %s - %s is not entirely within network %s/%s", {s, e, n, p}), where);
    return false;
  }
  if (start.family != Family::kIpv4) return true;
  if (start == NetworkAddress(network, prefix)) {
    Report(errs, Code::kInternalError,
           Subst("start of range %s - %s in network %s/%s is the network address", {s, e, n, p}),
           where);
    return false;
  }
  if (end == BroadcastAddress(network, prefix)) {
    Report(errs, Code::kInternalError,
           Subst("end of range %s - %s in network %s/%s is the broadcast address", {s, e, n, p}),
           where);
    return false;
  }
  return true;
}

}  // namespace

int LibvirtIpPrefix(const Ip& ip) {
  if (ip.prefix && *ip.prefix > 0) return static_cast<int>(*ip.prefix);
  if (ip.netmask) {
    if (ip.netmask->family != Family::kIpv4) return -1;
    return PrefixFromNetmask(*ip.netmask).value_or(-1);
  }
  if (IsZero(ip.address)) return 0;
  if (ip.IsIpv4()) return ClassfulPrefix(ip.address).value_or(-1);
  return 64;
}

bool CheckRange(Errors& errs, const IpAddr& start, const IpAddr& end, const IpAddr* network,
                int prefix, const SourceLoc& where) {
  const std::string s = start.ToString(), e = end.ToString();
  if (start.family != end.family) {
    Report(errs, Code::kInternalError, Subst("mismatch of address family in range %s - %s", {s, e}),
           where);
    return false;
  }
  if (network && !CheckInNetwork(errs, start, end, *network, prefix, where)) return false;
  if (!SameHighBytes(start, end)) {
    Report(errs, Code::kInternalError, Subst("range %s - %s is too large (> 65535)", {s, e}),
           where);
    return false;
  }
  if (end < start) {
    // The trailing space of the IPv4 message is libvirt's.
    std::string_view tmpl = start.family == Family::kIpv4 ? "range %s - %s is reversed "
                                                          : "range %s - %s start larger than end";
    Report(errs, Code::kInternalError, Subst(tmpl, {s, e}), where);
    return false;
  }
  return true;
}

}  // namespace vnet::validate
