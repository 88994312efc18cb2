// dns-srv: libvirt's virNetworkDefUpdateDNSSrv (network_conf.c).
#include "core/update/edit_common.h"
#include "core/xml/parse.h"

namespace vnet::update_internal {
namespace {

// An attribute the fragment leaves out matches anything; one it gives must be
// equal (an entry without that attribute does not match).
bool FieldMatches(const std::string& want, const std::string& have) {
  return want.empty() || want == have;
}
bool FieldMatches(const std::optional<std::string>& want, const std::optional<std::string>& have) {
  return !want || want == have;
}

bool SrvMatches(const DnsSrv& want, const DnsSrv& have) {
  return FieldMatches(want.domain, have.domain) && FieldMatches(want.service, have.service) &&
         FieldMatches(want.protocol, have.protocol) && FieldMatches(want.target, have.target);
}

std::vector<size_t> FindSrvs(Network& net, const DnsSrv& srv) {
  std::vector<size_t> found;
  const std::vector<DnsSrv>& srvs = DnsOf(net).srvs;
  for (size_t i = 0; i < srvs.size(); ++i) {
    if (SrvMatches(srv, srvs[i])) found.push_back(i);
  }
  return found;
}

// virNetworkDNSSrvDefParseXML's required attributes, which a record to delete
// may leave out.
Status CheckNewSrv(const Network& net, const DnsSrv& srv) {
  if (srv.service.empty()) {
    return XmlDetail("missing required service attribute in DNS SRV record of network '" +
                     net.name + "'");
  }
  if (srv.protocol.empty()) {
    return XmlDetail("missing required protocol attribute in DNS SRV record '" + srv.service +
                     "' of network '" + net.name + "'");
  }
  return OkStatus();
}

Status DeleteSrv(Network& net, const std::vector<size_t>& found) {
  if (found.empty()) {
    return OperationInvalid("couldn't locate a matching DNS SRV record in network " + net.name);
  }
  if (found.size() > 1) {
    return OperationInvalid(
        "multiple DNS SRV records matching all specified fields were found in network " + net.name);
  }
  EraseEntry(DnsOf(net).srvs, found.front());
  DropEmptyDns(net);
  return OkStatus();
}

}  // namespace

Status EditDnsSrv(Network& net, const UpdateRequest& request) {
  if (request.command == UpdateCommand::kModify) {
    return OperationUnsupported("DNS SRV records cannot be modified, only added or deleted");
  }
  VNET_TRY(CheckElementName(net, request.xml, "srv"));
  VNET_ASSIGN_OR_RETURN(DnsSrv srv, xml::ParseDnsSrv(request.xml, request.source));
  bool is_add = IsAdd(request.command);
  if (is_add) VNET_TRY(CheckNewSrv(net, srv));
  std::vector<size_t> found = FindSrvs(net, srv);
  if (!is_add) return DeleteSrv(net, found);
  if (!found.empty()) {
    return OperationInvalid(
        "there is already at least one DNS SRV record matching all specified fields in "
        "network " +
        net.name);
  }
  InsertEntry(DnsOf(net).srvs, request.command, std::move(srv));
  return OkStatus();
}

}  // namespace vnet::update_internal
