// Binding a network's bridge to its firewalld zone (core/plan/firewalld.h
// chooses it) with firewall-cmd: in firewalld's runtime configuration and in
// its permanent one, so that `firewall-cmd --reload` keeps it (a runtime-only
// binding is lost on reload; libvirt's daemon binds again then, vnetctl has
// no daemon) -- for a started network too, as firewalld has no other way;
// destroy removes both.
// NetworkManager's backend keeps the zone in its connection (zone=), which
// NetworkManager hands to firewalld whenever it activates the bridge and
// firewalld asks it for on reload. Pure: returns commands.
#pragma once

#include <string>

#include "backends/backend.h"

namespace vnet {

Commands FirewalldBind(const std::string& zone, const std::string& bridge, bool permanent);
/// Each may fail (already unbound, firewalld stopped since).
Commands FirewalldUnbind(const std::string& zone, const std::string& bridge, bool permanent);

}  // namespace vnet
