#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"

namespace vnet {

enum class MacTableManager : uint8_t { kKernel, kLibvirt };

/// <bridge name stp delay macTableManager zone/>.
struct Bridge {
  std::optional<std::string> name;  // may be a virbr%d template before define
  std::optional<bool> stp;          // libvirt's default: on
  std::optional<uint32_t> delay;    // seconds; libvirt's default: 0
  std::optional<MacTableManager> mac_table_manager;
  std::optional<std::string> zone;  // firewalld zone
  SourceLoc loc;
};

}  // namespace vnet
