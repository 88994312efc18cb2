#include "core/update/edit_common.h"

#include <cctype>

#include "core/validate/libvirt_error.h"

namespace vnet::update_internal {
namespace {

constexpr std::string_view kSpace = " \t\r\n";

// Drops leading blanks, the XML declaration / processing instructions and
// comments, which may precede the fragment's element.
std::string_view SkipProlog(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (true) {
    size_t start = text.find_first_not_of(kSpace);
    if (start == std::string_view::npos) return {};
    text.remove_prefix(start);
    std::string_view close;
    if (text.starts_with("<?")) {
      close = "?>";
    } else if (text.starts_with("<!--")) {
      close = "-->";
    } else {
      return text;
    }
    size_t end = text.find(close);
    if (end == std::string_view::npos) return {};
    text.remove_prefix(end + close.size());
  }
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
         c == ':' || static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

Error OperationInvalid(const std::string& message) {
  return LibvirtError(LibvirtCode::kOperationInvalid, message);
}

Error OperationUnsupported(const std::string& message) {
  return LibvirtError(LibvirtCode::kOperationUnsupported, message);
}

Error XmlError(const std::string& message) { return LibvirtError(LibvirtCode::kXmlError, message); }

Error XmlDetail(const std::string& message) {
  return LibvirtError(LibvirtCode::kXmlDetail, message);
}

std::string FragmentRootName(std::string_view xml) {
  std::string_view text = SkipProlog(xml);
  if (text.size() < 2 || text[0] != '<' || !IsNameChar(text[1])) return {};
  size_t end = 1;
  while (end < text.size() && IsNameChar(text[end])) ++end;
  // A name cut short by the end of the text is left to the XML parser.
  if (end == text.size() ||
      std::string_view(" \t\r\n/>").find(text[end]) == std::string_view::npos) {
    return {};
  }
  std::string_view name = text.substr(1, end - 1);
  // libvirt compares the local name: a namespace prefix does not count.
  size_t colon = name.rfind(':');
  if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
  return std::string(name);
}

Status CheckElementName(const Network& net, std::string_view xml, std::string_view expected) {
  std::string name = FragmentRootName(xml);
  if (name.empty() || name == expected) return OkStatus();
  return XmlError("unexpected element <" + name + ">, expecting <" + std::string(expected) +
                  ">, while updating network '" + net.name + "'");
}

Result<size_t> ParentIpIndex(const Network& net, int parent_index) {
  if (parent_index >= 0) {
    if (static_cast<size_t>(parent_index) < net.ips.size()) {
      return static_cast<size_t>(parent_index);
    }
    return OperationInvalid("couldn't update dhcp host entry - no <ip> element found at index " +
                            std::to_string(parent_index) + " in network '" + net.name + "'");
  }
  for (size_t i = 0; i < net.ips.size(); ++i) {
    if (net.ips[i].HasDhcp()) return i;
  }
  for (Family family : {Family::kIpv4, Family::kIpv6}) {
    for (size_t i = 0; i < net.ips.size(); ++i) {
      if (net.ips[i].AddrFamily() == family) return i;
    }
  }
  return OperationInvalid("couldn't update dhcp host entry - no <ip> element found in network '" +
                          net.name + "'");
}

Status CheckMultiDhcp(const Network& net, const Ip& parent) {
  for (const Ip& ip : net.ips) {
    if (&ip == &parent || ip.AddrFamily() != parent.AddrFamily() || !ip.HasDhcp()) continue;
    return OperationInvalid(std::string("dhcp is supported only for a single ") +
                            (parent.IsIpv4() ? "IPv4" : "IPv6") + " address on each network");
  }
  return OkStatus();
}

void DropEmptyDhcp(Ip& ip) {
  if (ip.dhcp && ip.dhcp->ranges.empty() && ip.dhcp->hosts.empty() && !ip.dhcp->bootp) {
    ip.dhcp.reset();
  }
}

Dns& DnsOf(Network& net) {
  if (!net.dns) net.dns.emplace();
  return *net.dns;
}

void DropEmptyDns(Network& net) {
  if (net.dns && net.dns->Empty()) net.dns.reset();
}

}  // namespace vnet::update_internal
