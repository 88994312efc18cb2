// FillDefinitionDefaults: what libvirt's network driver adds on define
// (networkValidate -> networkBridgeNameValidate, virNetworkSetBridgeMacAddr;
// virNetworkDefParseXML -> virUUIDGenerate).
#include <sys/random.h>

#include "core/validate/rules.h"
#include "core/validate/validate.h"

namespace vnet {

namespace {

constexpr int kMaxBridgeId = 256;  // libvirt's MAX_BRIDGE_ID

MacAddr RandomBridgeMac() {
  MacAddr mac;
  mac.bytes = {0x52, 0x54, 0x00, 0, 0, 0};
  size_t got = 0;
  while (got < 3) {
    ssize_t n = getrandom(mac.bytes.data() + 3 + got, 3 - got, 0);
    if (n > 0) got += static_cast<size_t>(n);
  }
  return mac;
}

// networkFindUnusedBridgeName: the given name is a template only if it has a
// single '%' followed by 'd'; anything else falls back to "virbr%d".
std::string BridgeTemplate(const std::optional<std::string>& name) {
  if (!name) return "virbr%d";
  size_t pct = name->find('%');
  bool usable = pct != std::string::npos && pct == name->rfind('%') && pct + 1 < name->size() &&
                (*name)[pct + 1] == 'd';
  return usable ? *name : "virbr%d";
}

Status PickBridgeName(Network& net, const std::function<bool(const std::string&)>& taken) {
  if (!net.bridge) net.bridge.emplace();
  std::optional<std::string>& name = net.bridge->name;
  // An explicit name (no "%d") is kept; the store checks it against other networks.
  if (name && name->find("%d") == std::string::npos) return OkStatus();
  const std::string tmpl = BridgeTemplate(name);
  size_t pct = tmpl.find("%d");
  for (int id = 0; id <= kMaxBridgeId; ++id) {
    std::string candidate = tmpl.substr(0, pct) + std::to_string(id) + tmpl.substr(pct + 2);
    if (taken && taken(candidate)) continue;
    name = std::move(candidate);
    return OkStatus();
  }
  return MakeError(
      ErrorKind::kInvalidInput,
      "internal error: Bridge generation exceeded max id " + std::to_string(kMaxBridgeId),
      net.bridge->loc);
}

}  // namespace

Status FillDefinitionDefaults(Network& net,
                              const std::function<bool(const std::string&)>& bridge_taken) {
  if (!net.uuid) net.uuid = Uuid::Random();
  if (!net.HasManagedBridge()) return OkStatus();
  VNET_TRY(PickBridgeName(net, bridge_taken));
  if (!net.mac) net.mac = RandomBridgeMac();
  return OkStatus();
}

}  // namespace vnet
