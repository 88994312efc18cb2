#include "backends/common/dnsmasq_internal.h"

namespace vnet::dnsmasq_internal {

namespace {

Error MultipleDhcp(const Ip& ip) {
  std::string family = ip.IsIpv4() ? "IPv4" : "IPv6";
  return MakeError(ErrorKind::kUnsupported,
                   "unsupported configuration: For " + family +
                       ", multiple DHCP definitions cannot be specified.",
                   ip.loc);
}

char UnitLetter(LeaseUnit unit) {
  switch (unit) {
    case LeaseUnit::kSeconds:
      return 's';
    case LeaseUnit::kMinutes:
      return 'm';
    case LeaseUnit::kHours:
      return 'h';
  }
  return 'm';
}

}  // namespace

Result<DhcpIps> FindDhcpIps(const Network& net) {
  DhcpIps found;
  for (const Ip& ip : net.ips) {
    if (!ip.HasDhcp()) continue;
    const Ip*& slot = ip.IsIpv4() ? found.v4 : found.v6;
    if (slot != nullptr) return MultipleDhcp(ip);
    slot = &ip;
  }
  return found;
}

std::string LeaseTime(const Lease& lease) {
  if (lease.expiry == 0) return "infinite";
  return std::to_string(lease.expiry) + UnitLetter(lease.EffectiveUnit());
}

Status CheckOneLine(std::string_view value, std::string_view what, const Network& net,
                    const SourceLoc& where) {
  if (value.find_first_of(std::string_view("\n\r\0", 3)) == std::string_view::npos) {
    return OkStatus();
  }
  return MakeError(
      ErrorKind::kInvalidInput,
      std::string(what) + " of network '" + net.name + "' must not contain a line break", where);
}

std::string Quoted(std::string_view value) {
  bool plain = value.empty() || (value.find_first_of(",#\"\\") == std::string_view::npos &&
                                 value.front() != ' ' && value.back() != ' ');
  if (plain) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

}  // namespace vnet::dnsmasq_internal
