// The driver side of `net-define` (libvirt's networkDefineXMLFlags after
// parsing): fill in what libvirt generates, validate, check against the other
// networks, format and store. Shared by define, edit and (later) apply.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model/network.h"
#include "core/store/store.h"

namespace vnet {

/// Whether a network device of this name exists on the host; empty = do not
/// probe (an alternate --root).
using LinkProbe = std::function<bool(const std::string&)>;

struct DefineResult {
  std::optional<Network> network;  // the definition as stored, on success
  std::vector<Error> errors;       // every problem found; nothing was written
};

/// 1. A document without <uuid> redefining an existing network keeps that
///    network's uuid (libvirt would generate one and then refuse the
///    redefinition; keeping it makes re-defining the same file idempotent).
/// 2. FillDefinitionDefaults: random uuid, bridge MAC, lowest free virbrN
///    (taken = used by another network, or a host link when probing).
/// 3. ValidateNetwork, plus libvirt's driver check that an explicit bridge
///    name of a managed-bridge mode is not used by another network.
/// 4. Name/uuid uniqueness (Store::CheckDefinable), then the inactive format is
///    stored.
DefineResult DefineNetwork(const Store& store, Network net, const LinkProbe& host_has_link);

/// Steps 1-4 without storing: what `create` (a transient network) uses.
/// `replacing`: the network of the same name is about to be removed (import
/// --replace), so its uuid and bridge do not count.
DefineResult PrepareDefinition(const Store& store, Network net, const LinkProbe& host_has_link,
                               bool replacing = false);

/// The stored definition's XML (libvirt's inactive format).
Definition MakeDefinition(const Network& net);

}  // namespace vnet
