// vnetctl's own rules, stricter than libvirt: every definition refused here
// is accepted by libvirt's parser and network driver (or fails only later, at
// net-start). Each message says so. Documented in vnetctl-network(5).
//
// Why: names and values end up in file names (/etc/vnetctl/<name>.xml,
// 10-vnet-<bridge>.netdev), manager config files (keyfiles, .network, YAML,
// /etc/network/interfaces, dnsmasq.conf) and on command lines; a quote, '#',
// newline or leading '-' there changes what those files or commands mean.
#include <cctype>
#include <cstdio>

#include "core/validate/rules.h"

namespace vnet::validate {

namespace {

constexpr size_t kNetworkNameMax = 64;
constexpr size_t kIfNameMax = 15;  // IFNAMSIZ - 1
constexpr std::string_view kNamePunct = "_.+:-";
constexpr std::string_view kIfNamePunct = "_.+-";

// How a character is shown in a message: 'c', or 0xNN when not printable.
std::string ShowChar(char c) {
  auto u = static_cast<unsigned char>(c);
  if (std::isprint(u) && c != ' ') return std::string("'") + c + "'";
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", u);
  return buf;
}

// The first character of `s` outside [A-Za-z0-9] + `punct`, or npos.
size_t FirstBadChar(std::string_view s, std::string_view punct) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if (!std::isalnum(u) && punct.find(s[i]) == std::string_view::npos) return i;
  }
  return std::string_view::npos;
}

void CheckNetworkName(Errors& errs, const Network& net) {
  const std::string& n = net.name;
  // libvirt's own name rules already reported these.
  if (n.empty() || n.find_first_of("/\n") != std::string::npos) return;
  const std::string q = "network name '" + n + "'";
  size_t bad = FirstBadChar(n, kNamePunct);
  if (bad != std::string::npos) {
    Strict(errs,
           q + " contains " + ShowChar(n[bad]) +
               "; vnetctl uses the name in file names, config files and command lines and "
               "allows only letters, digits and '_.+:-'",
           net.loc, "name");
  } else if (!std::isalnum(static_cast<unsigned char>(n[0])) && n[0] != '_') {
    Strict(errs, q + " must start with a letter, a digit or '_'", net.loc, "name");
  } else if (n.size() > kNetworkNameMax) {
    Strict(errs, q + " is longer than " + std::to_string(kNetworkNameMax) + " bytes", net.loc,
           "name");
  } else if (net.HasManagedBridge() && n.find('+') != std::string::npos) {
    Strict(errs, q + " contains '+', which the name of its nftables table cannot take", net.loc,
           "name");
  }
}

// A host interface name (bridge, forward dev, pf). `what` names it in messages.
void CheckIfName(Errors& errs, const std::string& what, const std::string& name,
                 const SourceLoc& where, std::string_view attr,
                 std::string_view punct = kIfNamePunct) {
  const std::string q = what + " '" + name + "'";
  size_t bad = FirstBadChar(name, punct);
  if (name.empty()) {
    Strict(errs, what + " is empty", where, attr);
  } else if (bad != std::string::npos) {
    Strict(errs,
           q + " contains " + ShowChar(name[bad]) +
               "; interface names may contain only letters, digits and '_.+-'",
           where, attr);
  } else if (name == "." || name == ".." || name[0] == '-') {
    Strict(errs, q + " is not a usable interface name", where, attr);
  } else if (name.size() > kIfNameMax) {
    Strict(errs, q + " is longer than 15 bytes, the kernel's limit (IFNAMSIZ)", where, attr);
  }
}

// A "%d" template: exactly one '%', followed by 'd'; the rest as an
// interface name that must still fit with a 3-digit number in place.
void CheckBridgeTemplate(Errors& errs, const Network& net, const Bridge& br) {
  const std::string& name = *br.name;
  size_t pct = name.find('%');
  bool one = pct == name.rfind('%') && pct + 1 < name.size() && name[pct + 1] == 'd';
  if (!one || !net.HasManagedBridge()) {
    Strict(errs,
           "bridge name template '" + name + "' is not valid: a template needs exactly one '%d' " +
               "and is only expanded for forward modes nat, route, open and isolated",
           br.loc, "name");
    return;
  }
  std::string rest = name.substr(0, pct) + name.substr(pct + 2);
  if (rest.size() + 3 > kIfNameMax) {
    Strict(errs,
           "bridge name template '" + name + "' is too long: with a number of up to 3 digits " +
               "the names would not fit in 15 bytes, the kernel's limit (IFNAMSIZ)",
           br.loc, "name");
    return;
  }
  CheckIfName(errs, "bridge name template", name, br.loc, "name", "_.+-%");
}

void CheckInterfaceNames(Errors& errs, const Network& net) {
  if (net.bridge && net.bridge->name) {
    const std::string& br = *net.bridge->name;
    size_t before = errs.size();
    if (br.find('%') != std::string::npos) {
      CheckBridgeTemplate(errs, net, *net.bridge);
    } else {
      CheckIfName(errs, "bridge name", br, net.bridge->loc, "name");
    }
    // The companions' nftables rules name a bridge vnetctl creates, and their
    // renderer takes no '+' (a host bridge of mode='bridge' gets no rules).
    if (errs.size() == before && net.HasManagedBridge() && br.find('+') != std::string::npos) {
      Strict(errs,
             "bridge name '" + br + "' contains '+', which vnetctl's nftables rules cannot take",
             net.bridge->loc, "name");
    }
  }
  if (!net.forward) return;
  for (const ForwardInterface& fi : net.forward->interfaces) {
    CheckIfName(errs, "forward interface", fi.dev, fi.loc, "dev");
  }
  if (net.forward->pf)
    CheckIfName(errs, "forward pf", net.forward->pf->dev, net.forward->pf->loc, "dev");
}

void CheckIpPrefixUsable(Errors& errs, const Network& net) {
  for (const Ip& ip : net.ips) {
    if (LibvirtIpPrefix(ip) >= 0) continue;
    const std::string where = " in network '" + net.name + "'";
    std::string msg =
        ip.netmask ? "netmask '" + ip.netmask->ToString() + "'" + where + " is not contiguous"
                   : "address '" + ip.address.ToString() + "'" + where +
                         " has no prefix or netmask and no classful default";
    Strict(errs,
           msg + "; libvirt fails only at net-start (\"has an invalid netmask or IP address\")",
           ip.loc, ip.netmask ? "netmask" : "prefix");
  }
}

// The kernel refuses an all-zero address for an interface (EADDRNOTAVAIL);
// libvirt fails only at net-start.
void CheckBridgeMacUsable(Errors& errs, const Network& net) {
  if (!net.mac || !net.mac->IsZero()) return;
  Strict(errs,
         "bridge MAC address 00:00:00:00:00:00 in network '" + net.name +
             "' is all zeros, which the kernel refuses for an interface; libvirt fails only at "
             "net-start",
         net.ChildLoc("mac"), "address");
}

}  // namespace

// An address of the other family cannot be handed out from this <ip>'s
// ranges at all (one of the same family outside the subnet is a warning:
// NetworkWarnings).
void CheckStrictDhcpHost(Errors& errs, const DhcpHost& host, const Ip& parent, const Network& net) {
  if (!host.ip || host.ip->family == parent.AddrFamily()) return;
  Strict(errs,
         "static host IP address " + host.ip->ToString() + " in network '" + net.name +
             "' is not an " + (parent.IsIpv4() ? "IPv4" : "IPv6") + " address like its <ip> " +
             parent.address.ToString() + "; dnsmasq would never hand it out",
         host.loc, "ip");
}

void CheckStrictRules(Errors& errs, const Network& net) {
  CheckNetworkName(errs, net);
  CheckInterfaceNames(errs, net);
  CheckBridgeMacUsable(errs, net);
  CheckIpPrefixUsable(errs, net);
  for (const Ip& ip : net.ips) {
    if (!ip.dhcp) continue;
    for (const DhcpHost& host : ip.dhcp->hosts) CheckStrictDhcpHost(errs, host, ip, net);
    CheckStrictHostDuplicates(errs, ip, net);
  }
  CheckStrictConfigValues(errs, net);
}

}  // namespace vnet::validate
