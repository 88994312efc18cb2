// libvirt's own definitions of the networks vnetctl took over, kept so that
// they can be given back (import --handback) exactly as libvirt had them:
// libvirt itself holds only the stand-in then (core/import/stand_in.h).
//
//   <root>/var/lib/vnetctl/libvirt/NAME.xml            libvirt's definition (0600)
//   <root>/var/lib/vnetctl/libvirt/autostart/NAME.xml  symlink -> NAME.xml when
//                                                      libvirt autostarted it
//
// The layout is libvirt's own (/etc/libvirt/qemu/networks), so
// `vnetctl import --from /var/lib/vnetctl/libvirt` reads it too.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace vnet {

struct KeptLibvirtNetwork {
  std::string name;
  std::string xml;  // libvirt's persistent definition, as virsh net-dumpxml --inactive
  bool autostart = false;
};

class LibvirtKept {
 public:
  static constexpr std::string_view kDir = "var/lib/vnetctl/libvirt";

  explicit LibvirtKept(std::string root) : root_(std::move(root)) {}

  Status Keep(const KeptLibvirtNetwork& net) const;
  /// nullopt when nothing is kept for `name`.
  Result<std::optional<KeptLibvirtNetwork>> Read(const std::string& name) const;
  Status Forget(const std::string& name) const;
  /// The names of the networks kept, sorted.
  Result<std::vector<std::string>> Names() const;
  /// Where NAME's definition is (root included), for messages.
  std::string PathOf(const std::string& name) const;

 private:
  std::string root_;
};

}  // namespace vnet
