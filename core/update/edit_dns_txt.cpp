// dns-txt: libvirt's virNetworkDefUpdateDNSTxt (network_conf.c).
#include "core/update/edit_common.h"
#include "core/xml/parse.h"

namespace vnet::update_internal {
namespace {

// virNetworkDNSTxtDefParseXML's checks that need the network's name; a value
// is only required when adding.
Status CheckTxt(const Network& net, const DnsTxt& txt, bool is_add) {
  if (txt.name.empty()) {
    return XmlDetail("missing required name attribute in DNS TXT record of network " + net.name);
  }
  if (txt.name.find_first_of(" ,") != std::string::npos) {
    return XmlDetail("prohibited character in DNS TXT record name '" + txt.name + "' of network " +
                     net.name);
  }
  if (is_add && txt.value.empty()) {
    return XmlDetail("missing required value attribute in DNS TXT record named '" + txt.name +
                     "' of network " + net.name);
  }
  return OkStatus();
}

std::optional<size_t> FindTxt(Network& net, const std::string& name) {
  const std::vector<DnsTxt>& txts = DnsOf(net).txts;
  for (size_t i = 0; i < txts.size(); ++i) {
    if (txts[i].name == name) return i;
  }
  return std::nullopt;
}

}  // namespace

Status EditDnsTxt(Network& net, const UpdateRequest& request) {
  if (request.command == UpdateCommand::kModify) {
    return OperationUnsupported("DNS TXT records cannot be modified, only added or deleted");
  }
  VNET_TRY(CheckElementName(net, request.xml, "txt"));
  VNET_ASSIGN_OR_RETURN(DnsTxt txt, xml::ParseDnsTxt(request.xml, request.source));
  bool is_add = IsAdd(request.command);
  VNET_TRY(CheckTxt(net, txt, is_add));
  std::optional<size_t> found = FindTxt(net, txt.name);
  if (is_add) {
    if (found) {
      return OperationInvalid("there is already a DNS TXT record with name '" + txt.name +
                              "' in network " + net.name);
    }
    InsertEntry(DnsOf(net).txts, request.command, std::move(txt));
    return OkStatus();
  }
  if (!found) {
    return OperationInvalid("couldn't locate a matching DNS TXT record in network " + net.name);
  }
  EraseEntry(DnsOf(net).txts, *found);
  DropEmptyDns(net);
  return OkStatus();
}

}  // namespace vnet::update_internal
