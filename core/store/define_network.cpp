#include "core/store/define_network.h"

#include "core/validate/validate.h"
#include "core/xml/format.h"

namespace vnet {

namespace {

bool UsesBridge(const StoredNetwork& other, const std::string& bridge) {
  return (other.config && other.config->BridgeName() == bridge) ||
         (other.live && other.live->BridgeName() == bridge);
}

// libvirt's virNetworkObjBridgeInUse: any network but the one being defined.
bool BridgeUsedByOther(const std::vector<StoredNetwork>& nets, const std::string& self,
                       const std::string& bridge) {
  for (const StoredNetwork& n : nets) {
    if (n.name != self && UsesBridge(n, bridge)) return true;
  }
  return false;
}

// Redefining a network from a file that leaves out what libvirt generates
// (uuid, bridge MAC, bridge name) keeps the stored values, so that applying
// the same file again changes nothing.
void AdoptStoredUuid(const std::vector<StoredNetwork>& nets, Network& net) {
  for (const StoredNetwork& n : nets) {
    if (n.name != net.name) continue;
    if (!net.uuid) net.uuid = n.uuid;
    const Network& old = n.Persistent();
    if (!net.mac && old.mac && old.HasManagedBridge() && net.HasManagedBridge()) net.mac = old.mac;
    if (net.BridgeName().empty() && !old.BridgeName().empty() && net.HasManagedBridge()) {
      if (!net.bridge) net.bridge.emplace();
      net.bridge->name = old.BridgeName();
    }
  }
}

std::optional<Error> ExplicitBridgeInUse(const std::vector<StoredNetwork>& nets, const Network& net,
                                         bool was_explicit) {
  if (!was_explicit || !net.HasManagedBridge()) return std::nullopt;
  const std::string& bridge = net.BridgeName();
  if (bridge.empty() || !BridgeUsedByOther(nets, net.name, bridge)) return std::nullopt;
  SourceLoc where = net.bridge ? net.bridge->loc : net.loc;
  return MakeError(ErrorKind::kOperationInvalid,
                   "internal error: bridge name '" + bridge + "' already in use.", where);
}

}  // namespace

Definition MakeDefinition(const Network& net) {
  xml::FormatOptions options;
  options.inactive = true;
  return Definition{net.name, net.uuid.value_or(Uuid{}), xml::FormatNetwork(net, options)};
}

DefineResult PrepareDefinition(const Store& store, Network net, const LinkProbe& host_has_link,
                               bool replacing) {
  DefineResult result;
  auto listed = store.List();
  if (!listed.ok()) {
    result.errors.push_back(listed.error());
    return result;
  }
  std::vector<StoredNetwork>& nets = *listed;
  if (replacing) {
    std::erase_if(nets, [&](const StoredNetwork& n) { return n.name == net.name; });
  }
  AdoptStoredUuid(nets, net);
  const bool explicit_bridge =
      !net.BridgeName().empty() && net.BridgeName().find("%d") == std::string::npos;
  Status filled = FillDefinitionDefaults(net, [&](const std::string& bridge) {
    return BridgeUsedByOther(nets, net.name, bridge) || (host_has_link && host_has_link(bridge));
  });
  if (!filled.ok()) {
    result.errors.push_back(filled.error());
    return result;
  }
  result.errors = ValidateNetwork(net);
  if (auto in_use = ExplicitBridgeInUse(nets, net, explicit_bridge)) {
    result.errors.push_back(*in_use);
  }
  if (!result.errors.empty()) return result;
  Status definable = store.CheckDefinable(net.name, *net.uuid, replacing);
  if (!definable.ok()) {
    result.errors.push_back(definable.error());
    return result;
  }
  result.network = std::move(net);
  return result;
}

DefineResult DefineNetwork(const Store& store, Network net, const LinkProbe& host_has_link) {
  DefineResult result = PrepareDefinition(store, std::move(net), host_has_link);
  if (!result.errors.empty()) return result;
  Status stored = store.Define(MakeDefinition(*result.network));
  if (!stored.ok()) {
    result.errors.push_back(stored.error());
    result.network.reset();
  }
  return result;
}

}  // namespace vnet
