// What libvirt accepts, vnetctl accepts too, and is still unwise: each said as
// a warning at its element (define, create, apply, update, render and doctor
// print them). Real hosts have both: provisioning templates put a static host
// in another subnet, and a cluster installer adds '*.apps' with net-update.
#include "core/validate/rules.h"
#include "core/validate/validate.h"

namespace vnet {

namespace {

Error Warning(std::string message, const SourceLoc& where, std::string_view attr = {}) {
  SourceLoc loc = where;
  if (!attr.empty() && !loc.path.empty()) loc.path += "/@" + std::string(attr);
  return MakeError(ErrorKind::kInvalidInput, std::move(message), loc);
}

void DnsHostWarnings(const Network& net, std::vector<Error>& out) {
  if (!net.dns) return;
  for (const DnsHost& h : net.dns->hosts) {
    for (const std::string& name : h.hostnames) {
      if (name.find('*') == std::string::npos) continue;
      out.push_back(Warning("DNS host name '" + name + "' in network '" + net.name +
                                "' contains '*': dnsmasq answers only for that literal name, "
                                "'*' is no wildcard in a hosts entry (for every name under a "
                                "domain, <dnsmasq:option value='address=/DOMAIN/IP'/>)",
                            h.loc));
    }
  }
}

}  // namespace

std::vector<Error> DhcpHostWarnings(const DhcpHost& host, const Ip& parent, const Network& net) {
  std::vector<Error> out;
  int prefix = validate::LibvirtIpPrefix(parent);
  if (!host.ip || prefix < 0 || host.ip->family != parent.AddrFamily()) return out;
  if (InSubnet(*host.ip, parent.address, prefix)) return out;
  out.push_back(Warning("static host IP address " + host.ip->ToString() + " in network '" +
                            net.name + "' is outside its <ip> subnet " + parent.address.ToString() +
                            "/" + std::to_string(prefix) + ": dnsmasq never hands it out",
                        host.loc, "ip"));
  return out;
}

std::vector<Error> NetworkWarnings(const Network& net) {
  std::vector<Error> out;
  for (const Ip& ip : net.ips) {
    if (!ip.dhcp) continue;
    for (const DhcpHost& h : ip.dhcp->hosts) {
      for (Error& e : DhcpHostWarnings(h, ip, net)) out.push_back(std::move(e));
    }
  }
  DnsHostWarnings(net, out);
  return out;
}

}  // namespace vnet
