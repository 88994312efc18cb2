// The single-element documents `net-update` accepts. They are parsed with
// libvirt's partialOkay rules where libvirt has them (a fragment may only
// identify an entry to delete); the update step checks completeness.
#include "core/xml/parse.h"
#include "core/xml/parse_internal.h"

namespace vnet::xml {

namespace {

template <typename T>
using ElementParser = Result<T> (*)(const ParseCtx&, const xmlNode*);

template <typename T>
Result<T> ParseFragment(std::string_view text, const std::string& source, std::string_view element,
                        ElementParser<T> parse) {
  VNET_ASSIGN_OR_RETURN(DocPtr doc, ParseDocument(text, source));
  const xmlNode* root = Root(doc);
  if (Name(root) != element) {
    return MakeError(ErrorKind::kInvalidInput,
                     std::string(kXmlError) + "unexpected element <" + std::string(Name(root)) +
                         ">, expecting <" + std::string(element) + ">",
                     LocOf(source, root));
  }
  const ParseCtx ctx{source, ""};
  return parse(ctx, root);
}

Result<DnsHost> PartialDnsHost(const ParseCtx& ctx, const xmlNode* node) {
  return ParseDnsHostElement(ctx, node, true);
}
Result<DnsSrv> PartialDnsSrv(const ParseCtx& ctx, const xmlNode* node) {
  return ParseDnsSrvElement(ctx, node, true);
}
Result<DnsTxt> PartialDnsTxt(const ParseCtx& ctx, const xmlNode* node) {
  return ParseDnsTxtElement(ctx, node, true);
}

}  // namespace

Result<DhcpHost> ParseDhcpHost(std::string_view text, const std::string& source) {
  return ParseFragment<DhcpHost>(text, source, "host", ParseDhcpHostElement);
}

Result<DhcpRange> ParseDhcpRange(std::string_view text, const std::string& source) {
  return ParseFragment<DhcpRange>(text, source, "range", ParseDhcpRangeElement);
}

Result<DnsHost> ParseDnsHost(std::string_view text, const std::string& source) {
  return ParseFragment<DnsHost>(text, source, "host", PartialDnsHost);
}

Result<DnsSrv> ParseDnsSrv(std::string_view text, const std::string& source) {
  return ParseFragment<DnsSrv>(text, source, "srv", PartialDnsSrv);
}

Result<DnsTxt> ParseDnsTxt(std::string_view text, const std::string& source) {
  return ParseFragment<DnsTxt>(text, source, "txt", PartialDnsTxt);
}

Result<ForwardInterface> ParseForwardInterface(std::string_view text, const std::string& source) {
  return ParseFragment<ForwardInterface>(text, source, "interface", ParseForwardInterfaceElement);
}

Result<Portgroup> ParsePortgroup(std::string_view text, const std::string& source) {
  return ParseFragment<Portgroup>(text, source, "portgroup", ParsePortgroupElement);
}

}  // namespace vnet::xml
