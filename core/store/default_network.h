// The built-in `default` network, as libvirt's package installs it
// (src/network/default.xml.in). A new store is seeded with it, the way a
// libvirt install provides /etc/libvirt/qemu/networks/default.xml; like
// libvirt's first load, the stored copy gets a uuid and a bridge MAC. It is
// not marked autostart: vnetctl never starts networks at boot unasked.
#pragma once

#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/store/store.h"

namespace vnet {

/// The document, byte for byte.
extern const std::string_view kDefaultNetworkXml;

/// The seed for StoreOptions::seed: `default` parsed, with libvirt's generated
/// values filled in, in the stored (inactive) format.
Result<std::vector<Definition>> DefaultDefinitions();

}  // namespace vnet
