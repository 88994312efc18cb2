// The orchestration of all rules, plus the rules on the <network> element
// itself: name, title, and which elements a forward mode allows.
#include "core/validate/rules.h"
#include "core/validate/validate.h"

namespace vnet {

namespace validate {

void CheckName(Errors& errs, const Network& net) {
  if (net.name.empty()) {
    // VIR_ERR_NO_NAME: virsh prints the bare text.
    Report(errs, Code::kXmlDetail, "missing name information", net.loc, "name");
    return;
  }
  if (net.name.find('/') != std::string::npos) {
    Report(errs, Code::kXmlDetail, "invalid char in name: /", net.loc, "name");
  }
  if (net.title && net.title->find('\n') != std::string::npos) {
    Report(errs, Code::kXmlError, "Network title can't contain newlines", net.loc, "title");
  }
}

void CheckDriverName(Errors& errs, const Network& net) {
  if (net.name.find('\n') != std::string::npos) {
    Report(errs, Code::kXmlDetail, "invalid char in name: \n", net.loc, "name");
  }
}

namespace {

void ReportUnsupported(Errors& errs, const Network& net, std::string_view element,
                       const SourceLoc& where) {
  std::string tmpl = "Unsupported ";
  tmpl += element;
  tmpl += " element in network %s with forward mode='%s'";
  Report(errs, Code::kConfigUnsupported, Subst(tmpl, {net.name, ModeName(net)}), where);
}

}  // namespace

void CheckDriverModeElements(Errors& errs, const Network& net) {
  if (!net.HasManagedBridge()) {
    if (net.mac) ReportUnsupported(errs, net, "<mac>", net.ChildLoc("mac"));
    if (!net.ips.empty()) ReportUnsupported(errs, net, "<ip>", net.ips.front().loc);
    if (net.dns && (!net.dns->txts.empty() || !net.dns->hosts.empty() || !net.dns->srvs.empty())) {
      ReportUnsupported(errs, net, "<dns>", net.dns->loc);
    }
    if (net.domain) ReportUnsupported(errs, net, "<domain>", net.domain->loc);
  }
  if (HasBandwidth(net.bandwidth) && !BandwidthAllowed(net)) {
    ReportUnsupported(errs, net, "network-wide <bandwidth>", net.bandwidth->loc);
  }
}

void CheckDriverDhcpSections(Errors& errs, const Network& net) {
  bool v4 = false, v6 = false;
  for (const Ip& ip : net.ips) {
    if (!ip.HasDhcp()) continue;
    bool& seen = ip.IsIpv4() ? v4 : v6;
    if (seen) {
      std::string_view fam = ip.IsIpv4() ? "IPv4" : "IPv6";
      Report(errs, Code::kConfigUnsupported,
             Subst("Multiple %s dhcp sections found -- dhcp is supported only for a single %s "
                   "address on each network",
                   {fam, fam}),
             ip.dhcp->loc);
    }
    seen = true;
  }
}

}  // namespace validate

std::vector<Error> ValidateNetwork(const Network& net, ValidateScope scope) {
  validate::Errors errs;
  // virNetworkDefParseXML, in its order.
  validate::CheckName(errs, net);
  if (net.bandwidth) validate::CheckBandwidth(errs, *net.bandwidth);
  if (net.vlan) validate::CheckVlan(errs, *net.vlan);
  validate::CheckBridgeMac(errs, net);
  validate::CheckDns(errs, net);
  if (net.virtualport) validate::CheckVirtualPort(errs, *net.virtualport, /*require_type=*/true);
  validate::CheckPortgroupsParse(errs, net);
  validate::CheckIps(errs, net);
  validate::CheckRoutes(errs, net);
  validate::CheckForwardParse(errs, net);
  validate::CheckModeVsBridge(errs, net);
  validate::CheckMtu(errs, net);
  if (scope == ValidateScope::kDefine) {
    // networkValidate, in its order.
    validate::CheckDriverName(errs, net);
    validate::CheckDriverModeElements(errs, net);
    validate::CheckDriverForwardPool(errs, net);
    validate::CheckDriverDhcpSections(errs, net);
    validate::CheckDriverPortgroups(errs, net);
  }
  // vnetctl's own rules come last, so the first error is libvirt's whenever
  // libvirt would refuse the definition too.
  validate::CheckStrictRules(errs, net);
  return errs;
}

}  // namespace vnet
