// How NetworkManager (1.42) is told about a network's keyfile. Verified
// against the real NetworkManager in a network namespace
// (tests/native/activation.sh):
//   * `nmcli connection load FILE` (re)reads one profile, and forgets it when
//     FILE is gone; with autoconnect=true a new profile may activate by
//     itself, but not after a `connection down` (autoconnect is then blocked),
//     so Up always runs `connection up`;
//   * NetworkManager does not restore an address removed by hand;
//     `connection up` on an active profile restores it by re-activating,
//     which detaches every port it did not attach itself (VM taps);
//     `device reapply BR` restores it and applies a changed profile (addresses,
//     STP) while the ports stay;
//   * `connection down` deletes the software bridge NetworkManager created,
//     even with foreign ports; so does forgetting an active profile.
#pragma once

#include "backends/backend.h"
#include "core/model/network.h"

namespace vnet {

/// Re-applies the (re)loaded keyfile to the active bridge without taking it
/// down: `nmcli connection load FILE`, `nmcli device reapply BR`. Fails when
/// the profile is not active on the bridge. For a repair that keeps the
/// bridge's ports; Backend::Up re-activates instead.
Commands NetworkManagerReapply(const Network& net, Placement placement);

}  // namespace vnet
