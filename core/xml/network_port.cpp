#include "core/xml/network_port.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/xml/parse_util.h"
#include "core/xml/xml_doc.h"
#include "core/xml/xml_writer.h"

namespace vnet::xml {

std::string FormatNetworkPort(const NetworkPortDoc& port) {
  XmlWriter w;
  w.Line("<networkport>");
  w.Indent();
  if (port.uuid) w.Line("<uuid>" + port.uuid->ToString() + "</uuid>");
  if (!port.owner_name.empty() || port.owner_uuid) {
    w.Line("<owner>");
    w.Indent();
    if (!port.owner_name.empty()) w.Line("<name>" + Escape(port.owner_name) + "</name>");
    if (port.owner_uuid) w.Line("<uuid>" + port.owner_uuid->ToString() + "</uuid>");
    w.Dedent();
    w.Line("</owner>");
  }
  if (port.mac) w.Line("<mac" + AttrText("address", port.mac->ToString()) + "/>");
  if (!port.plug_type.empty()) {
    std::string plug = "<plug" + AttrText("type", port.plug_type);
    if (!port.plug_bridge.empty()) plug += AttrText("bridge", port.plug_bridge);
    w.Line(plug + "/>");
  }
  w.Dedent();
  w.Line("</networkport>");
  return w.Take();
}

namespace {

// libvirt's virNetworkPortDefParseXML reports VIR_ERR_XML_ERROR.
Error PortError(const std::string& source, const xmlNode* node, std::string_view attr,
                const std::string& message) {
  return MakeError(ErrorKind::kInvalidInput, std::string(kXmlError) + message,
                   LocOf(source, node, attr));
}

Result<Uuid> ParseUuidText(const std::string& source, const xmlNode* node,
                           const std::string& text) {
  auto u = Uuid::Parse(text);
  if (!u) return PortError(source, node, {}, "Unable to parse UUID '" + text + "'");
  return *u;
}

}  // namespace

Result<NetworkPortDoc> ParseNetworkPort(std::string_view text, const std::string& source) {
  VNET_ASSIGN_OR_RETURN(DocPtr doc, ParseDocument(text, source));
  xmlNode* root = Root(doc);
  if (Name(root) != "networkport") {
    return PortError(
        source, root, {},
        "unexpected root element <" + std::string(Name(root)) + ">, expecting <networkport>");
  }
  NetworkPortDoc port;
  xmlNode* uuid = Child(root, "uuid");
  if (uuid == nullptr) return PortError(source, root, {}, "network port has no uuid");
  VNET_ASSIGN_OR_RETURN(port.uuid, ParseUuidText(source, uuid, Content(uuid)));

  xmlNode* owner = Child(root, "owner");
  if (owner == nullptr) return PortError(source, root, {}, "missing owner");
  xmlNode* owner_name = Child(owner, "name");
  if (owner_name == nullptr || Content(owner_name).empty()) {
    return PortError(source, owner, {}, "missing owner name");
  }
  port.owner_name = Content(owner_name);
  xmlNode* owner_uuid = Child(owner, "uuid");
  if (owner_uuid == nullptr) return PortError(source, owner, {}, "missing owner UUID");
  VNET_ASSIGN_OR_RETURN(port.owner_uuid, ParseUuidText(source, owner_uuid, Content(owner_uuid)));

  xmlNode* mac = Child(root, "mac");
  std::optional<std::string> address = mac ? Prop(mac, "address") : std::nullopt;
  if (!address) return PortError(source, mac ? mac : root, {}, "missing mac address");
  port.mac = MacAddr::Parse(*address);
  if (!port.mac) return PortError(source, mac, "address", "Unable to parse MAC '" + *address + "'");

  if (xmlNode* plug = Child(root, "plug")) {
    std::optional<std::string> type = Prop(plug, "type");
    if (!type) return PortError(source, plug, {}, "missing network port plug type");
    static const std::vector<std::string> kTypes = {"none", "network", "bridge", "direct",
                                                    "hostdev-pci"};
    if (std::find(kTypes.begin(), kTypes.end(), *type) == kTypes.end()) {
      return PortError(source, plug, "type", "Unknown network port plug type '" + *type + "'");
    }
    port.plug_type = *type;
    if (*type == "network" || *type == "bridge") {
      std::optional<std::string> bridge = Prop(plug, "bridge");
      if (!bridge) return PortError(source, plug, {}, "Missing network port bridge name");
      port.plug_bridge = *bridge;
    }
  }
  return port;
}

}  // namespace vnet::xml
