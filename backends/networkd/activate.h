// How systemd-networkd (252) is told about a network's files, shared with
// netplan (renderer networkd). Verified against the real networkd in a
// network namespace (tests/native/activation.sh).
#pragma once

#include <string>

#include "backends/backend.h"

namespace vnet {

/// `networkctl reload`, then `networkctl reconfigure BR`. reload creates the
/// netdev of a new .netdev (before it returns) and reconfigures links whose
/// .network changed, but does not re-add an address removed by hand: only
/// reconfigure re-applies an unchanged .network. Neither updates an existing
/// bridge's [Bridge] settings (STP, delay) before systemd 257.
Commands NetworkdUp(const std::string& bridge);

/// `networkctl down BR`; the bridge may already be gone.
Commands NetworkdDown(const std::string& bridge);

/// `networkctl reload` (networkd drops the address of a link whose .network
/// vanished, and leaves it unmanaged), then `networkctl delete BR`: networkd
/// never deletes a netdev whose .netdev vanished. The bridge may be gone.
Commands NetworkdForget(const std::string& bridge);

}  // namespace vnet
