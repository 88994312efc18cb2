#include "backends/files.h"

namespace vnet {

std::string VnetctlDir(Placement placement) {
  return placement == Placement::kRuntime ? "/run/vnetctl" : "/etc/vnetctl";
}

std::string DnsmasqConfPath(const std::string& network, Placement placement) {
  return VnetctlDir(placement) + "/dnsmasq/" + network + ".conf";
}

std::string DnsmasqHostsfilePath(const std::string& network, Placement placement) {
  return VnetctlDir(placement) + "/dnsmasq/" + network + ".hostsfile";
}

std::string DnsmasqAddnhostsPath(const std::string& network, Placement placement) {
  return VnetctlDir(placement) + "/dnsmasq/" + network + ".addnhosts";
}

std::string DnsmasqPidPath(const std::string& network) {
  return "/run/vnetctl/dnsmasq/" + network + ".pid";
}

std::string DnsmasqLeasePath(const std::string& network) {
  return "/var/lib/vnetctl/dnsmasq/" + network + ".leases";
}

std::string NftRulesetPath(const std::string& network, Placement placement) {
  return VnetctlDir(placement) + "/nftables/" + network + ".nft";
}

}  // namespace vnet
