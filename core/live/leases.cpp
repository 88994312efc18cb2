#include "core/live/leases.h"

#include <charconv>
#include <optional>

#include "core/net/address.h"

namespace vnet::live {
namespace {

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  constexpr std::string_view kBlank = " \t\r";
  size_t pos = line.find_first_not_of(kBlank);
  while (pos != std::string_view::npos) {
    size_t end = std::min(line.find_first_of(kBlank, pos), line.size());
    fields.push_back(line.substr(pos, end - pos));
    pos = line.find_first_not_of(kBlank, end);
  }
  return fields;
}

template <typename T>
std::optional<T> Decimal(std::string_view text) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string Unstar(std::string_view field) {
  return field == "*" ? std::string() : std::string(field);
}

// "[T]IAID": dnsmasq marks temporary-address leases with a 'T'.
bool ParseIaid(std::string_view field, DnsmasqLease& lease) {
  lease.temporary = field.starts_with('T');
  if (lease.temporary) field.remove_prefix(1);
  if (!Decimal<uint32_t>(field)) return false;
  lease.iaid = std::string(field);
  return true;
}

std::optional<DnsmasqLease> ParseLease(const std::vector<std::string_view>& f) {
  if (f.size() != 5) return std::nullopt;
  std::optional<int64_t> expiry = Decimal<int64_t>(f[0]);
  std::optional<IpAddr> ip = IpAddr::Parse(f[2]);
  if (!expiry || *expiry < 0 || !ip) return std::nullopt;
  DnsmasqLease lease;
  lease.expiry = *expiry;
  lease.ip = ip->ToString();
  lease.hostname = Unstar(f[3]);
  lease.client_id = Unstar(f[4]);
  if (ip->family == Family::kIpv4) {
    lease.type = "ipv4";
    lease.mac = std::string(f[1]);
  } else {
    lease.type = "ipv6";
    if (!ParseIaid(f[1], lease)) return std::nullopt;
  }
  return lease;
}

// Extra data dnsmasq appends for leases relayed with agent info or carrying a
// vendor class: not a lease, and not malformed either.
bool IsExtraLine(const std::vector<std::string_view>& f) {
  return f.size() == 3 && (f[0] == "agent-info" || f[0] == "vendorclass");
}

}  // namespace

DnsmasqLeaseFile ParseDnsmasqLeases(std::string_view text) {
  DnsmasqLeaseFile file;
  int number = 0;
  while (!text.empty()) {
    const size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++number;
    const std::vector<std::string_view> f = Fields(line);
    if (f.empty() || IsExtraLine(f)) continue;
    if (f.size() == 2 && f[0] == "duid") {
      file.server_duid = std::string(f[1]);
    } else if (std::optional<DnsmasqLease> lease = ParseLease(f)) {
      file.leases.push_back(std::move(*lease));
    } else {
      file.malformed.push_back(MalformedLeaseLine{number, std::string(line)});
    }
  }
  return file;
}

namespace {

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return false;
  }
  return true;
}

std::string TokenOrStar(const std::string& s) { return IsToken(s) ? s : "*"; }

std::string LeaseLine(const DnsmasqLease& l, const std::string& id) {
  return std::to_string(l.expiry) + " " + id + " " + l.ip + " " + TokenOrStar(l.hostname) + " " +
         TokenOrStar(l.client_id) + "\n";
}

}  // namespace

std::string FormatDnsmasqLeases(const DnsmasqLeaseFile& file) {
  std::string v4, v6;
  for (const DnsmasqLease& l : file.leases) {
    std::optional<IpAddr> ip = IpAddr::Parse(l.ip);
    if (!ip || l.expiry < 0) continue;
    if (ip->family == Family::kIpv4) {
      if (!MacAddr::Parse(l.mac)) continue;
      v4 += LeaseLine(l, MacAddr::Parse(l.mac)->ToString());
    } else if (Decimal<uint32_t>(l.iaid)) {
      v6 += LeaseLine(l, (l.temporary ? "T" : "") + l.iaid);
    }
  }
  if (v6.empty() || !IsToken(file.server_duid)) return v4;
  return v4 + "duid " + file.server_duid + "\n" + v6;
}

}  // namespace vnet::live
