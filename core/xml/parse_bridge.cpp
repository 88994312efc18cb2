// <bridge name zone stp delay macTableManager/>.
#include <array>

#include "core/xml/parse_internal.h"

namespace vnet::xml {

namespace {

// libvirt: anything but "off" turns STP on.
Status SetStp(const Attr& attr, Bridge& out) {
  out.stp = attr.value != "off";
  return OkStatus();
}

Status SetDelay(const Attr& attr, Bridge& out) {
  std::optional<uint64_t> delay = ParseUnsigned(attr.value, 10, UINT32_MAX);
  if (!delay) {
    return attr.Fail(std::string(kXmlError) + "Invalid delay value" +
                     attr.ctx.Net(" in network '"));
  }
  out.delay = static_cast<uint32_t>(*delay);
  return OkStatus();
}

Status SetMacTableManager(const Attr& attr, Bridge& out) {
  if (attr.value == "kernel") {
    out.mac_table_manager = MacTableManager::kKernel;
  } else if (attr.value == "libvirt") {
    out.mac_table_manager = MacTableManager::kLibvirt;
  } else {
    return attr.Fail(std::string(kXmlError) + "Invalid macTableManager setting '" + attr.value +
                     "'" + attr.ctx.Net(" in network '"));
  }
  return OkStatus();
}

constexpr std::array<AttrRule<Bridge>, 5> kBridgeAttrs = {{
    {"name", SetString<Bridge, &Bridge::name>},
    {"zone", SetString<Bridge, &Bridge::zone>},
    {"stp", SetStp},
    {"delay", SetDelay},
    {"macTableManager", SetMacTableManager},
}};

}  // namespace

Result<Bridge> ParseBridgeElement(const ParseCtx& ctx, const xmlNode* node) {
  Bridge bridge;
  bridge.loc = ctx.Loc(node);
  VNET_TRY(ApplyXPathAttrs<Bridge>(ctx, node, kBridgeAttrs, bridge));
  return bridge;
}

}  // namespace vnet::xml
