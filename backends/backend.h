// The contract between vnetctl and a network manager. Rendering is pure: the
// manager's version and the placement arrive in Caps, nothing is probed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backends/version.h"
#include "core/error.h"
#include "core/model/network.h"

namespace vnet {

/// One file a backend wants on the host. `path` is absolute on the target
/// system (prefix it with --root to write it).
struct RenderedFile {
  std::string path;
  std::string content;
  unsigned mode = 0644;
  /// When set, the file is a symbolic link to this target and `content` is
  /// empty (e.g. a systemd unit's .wants/ link).
  std::string symlink_target;
};

/// Where a network's files go: a started network's vanish at reboot
/// (runtime directories), an autostarted network's live under /etc.
enum class Placement { kRuntime, kPersistent };

/// What Render may know about the host: versions, never probed inside Render.
struct Caps {
  Placement placement = Placement::kPersistent;
  std::optional<Version> manager;  // NetworkManager / systemd / netplan / ifupdown version
  std::optional<Version> dnsmasq;
};

struct Rendering {
  std::vector<RenderedFile> files;  // sorted by path
  /// Things the network asked for that the kernel or manager will do
  /// differently, e.g. STP forward delay raised to 2 s.
  std::vector<std::string> warnings;
};

/// Result of detecting a manager on the host.
struct Availability {
  bool installed = false;
  bool running = false;
  std::optional<Version> version;
  std::string reason;  // why it is (not) usable, for `vnetctl backends`
};

class HostProbe;

class Backend {
 public:
  virtual ~Backend() = default;
  /// "networkmanager", "networkd", "netplan", "ifupdown".
  virtual std::string_view Name() const = 0;
  virtual Availability Detect(const HostProbe& probe) const = 0;
  /// Every file the manager and vnetctl's companions need to realize `net`.
  /// An element no path of this backend can realize is an error of kind
  /// kUnsupported naming the backend and the element.
  virtual Result<Rendering> Render(const Network& net, const Caps& caps) const = 0;
};

}  // namespace vnet
