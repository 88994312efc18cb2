// The checks doctor runs, one function per trap; internal to core/doctor.
// Each appends its findings; all are pure.
#pragma once

#include <vector>

#include "core/doctor/doctor.h"

namespace vnet::doctor {

using Findings = std::vector<Finding>;

// Per network (checks_network.cpp).
void CheckFirewall(const Subject& s, Findings& out);
void CheckForwarding(const Subject& s, const HostFacts& facts, Findings& out);
void CheckRpFilter(const Subject& s, const HostFacts& facts, Findings& out);
void CheckStp(const Subject& s, const HostFacts& facts, Findings& out);
void CheckRoutes(const Subject& s, const HostFacts& facts, Findings& out);
void CheckConnections(const Subject& s, const HostFacts& facts, Findings& out);
void CheckFirewalldZone(const Subject& s, const HostFacts& facts, Findings& out);
void CheckNetworkManager(const Subject& s, const HostFacts& facts, Findings& out);
void CheckChecksum(const Subject& s, const HostFacts& facts, Findings& out);
void CheckLibvirt(const Subject& s, const HostFacts& facts, Findings& out);

// The host (checks_host.cpp).
void CheckListeners(const std::vector<Subject>& subjects, const HostFacts& facts, Findings& out);
void CheckBrNetfilter(const std::vector<Subject>& subjects, const HostFacts& facts, Findings& out);

/// The sysctl's value, or "" when the host has none of that name.
std::string SysctlOf(const HostFacts& facts, const std::string& key);

}  // namespace vnet::doctor
