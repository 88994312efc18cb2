// model -> libvirt's canonical network XML: the exact bytes `virsh
// net-dumpxml` prints (element order, 2-space indent, '…' quoting, defaults
// made explicit as libvirt does). Pure.
#pragma once

#include <string>

#include "core/model/network.h"

namespace vnet::xml {

struct FormatOptions {
  /// --inactive: the persistent form (no live-only attributes).
  bool inactive = false;
};

std::string FormatNetwork(const Network& net, const FormatOptions& options = {});

/// Single elements in the same canonical form (used in messages and by
/// net-update's matching rules), without a trailing newline.
std::string FormatPortgroup(const Portgroup& pg);

}  // namespace vnet::xml
