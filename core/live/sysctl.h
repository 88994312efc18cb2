// Sysctls through /proc/sys, which answers for the reading thread's network
// namespace. Internal to core/live: callers use HostReader::Sysctl.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vnet::live {

/// A /proc/sys relative path made of [A-Za-z0-9_./-] with no ".." component
/// and no leading '/' (so it cannot name a file outside /proc/sys).
bool ValidSysctlKey(std::string_view key);

/// The value with trailing whitespace removed; nullopt for an invalid key or
/// a sysctl that does not exist (or cannot be read).
std::optional<std::string> ReadSysctl(const std::string& key);

}  // namespace vnet::live
