// The contract between vnetctl and a network manager. Rendering is pure: the
// manager's version and the placement arrive in Caps, nothing is probed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backends/version.h"
#include "core/error.h"
#include "core/exec/host_action.h"
#include "core/model/network.h"

namespace vnet {

/// What a rendered file is for, which decides how a change to it is applied.
/// The renderer that writes a file says what it is; nothing downstream guesses
/// it from the path.
enum class FileRole {
  kNative,        // the manager's file: reload/up through the backend
  kDnsmasqConf,   // dnsmasq restarts
  kDnsmasqHosts,  // hostsfile / addn-hosts: dnsmasq re-reads them on SIGHUP
  kFirewall,      // nft -f
  kOther,         // e.g. the companions' systemd unit: written, nothing to run
};

/// "native", "dnsmasq-conf", "dnsmasq-hosts", "firewall", "other": the names
/// status records keep.
std::string_view FileRoleName(FileRole role);
/// kNative for a name this version does not know.
FileRole FileRoleFromName(std::string_view name);

/// One file a backend wants on the host. `path` is absolute on the target
/// system (prefix it with --root to write it).
struct RenderedFile {
  RenderedFile() = default;
  RenderedFile(std::string p, std::string c, unsigned m = 0644, std::string link = {},
               FileRole r = FileRole::kNative)
      : path(std::move(p)),
        content(std::move(c)),
        mode(m),
        symlink_target(std::move(link)),
        role(r) {}

  std::string path;
  std::string content;
  unsigned mode = 0644;
  /// When set, the file is a symbolic link to this target and `content` is
  /// empty (e.g. a systemd unit's .wants/ link).
  std::string symlink_target;
  FileRole role = FileRole::kNative;
};

/// Where a network's files go: a started network's vanish at reboot
/// (runtime directories), an autostarted network's live under /etc.
enum class Placement { kRuntime, kPersistent };

inline Placement OtherPlacement(Placement p) {
  return p == Placement::kRuntime ? Placement::kPersistent : Placement::kRuntime;
}

/// What Render may know about the host: versions, never probed inside Render.
struct Caps {
  Placement placement = Placement::kPersistent;
  std::optional<Version> manager;  // NetworkManager / systemd / netplan / ifupdown version
  std::optional<Version> dnsmasq;
  /// The passages through the host's iptables chains the network needs, by
  /// chain ("ip filter FORWARD", backends/common/passage.h): what boots the
  /// network (the unit, ifupdown's hooks) makes them again, before Docker or
  /// ufw put their drop policy back. The engine fills it from the host.
  std::vector<std::string> passages;
  /// firewalld's zone for the bridge (core/plan/firewalld.h), empty when
  /// firewalld does not run: a backend that KeepsFirewalldZone() writes it
  /// into its configuration. The engine fills it from the host.
  std::string firewalld_zone;
};

struct Rendering {
  std::vector<RenderedFile> files;  // sorted by path
  /// Things the network asked for that the kernel or manager will do
  /// differently, e.g. STP forward delay raised to 2 s.
  std::vector<std::string> warnings;
  /// Where the manager may save a copy of the network's native file by itself
  /// (NetworkManager writes a runtime profile that `firewall-cmd --permanent`
  /// or `nmcli connection modify` changed to /etc): a file there shadows or
  /// outlasts the network's own, so a plan deletes it, and destroy does too.
  std::vector<std::string> manager_copies;
};

/// The element a refusal names when import may leave it out of what it
/// realizes: it only configures guests' ports, or a host feature vnetctl does
/// not manage, so the bridge, its addresses, DHCP, DNS and forwarding are the
/// same without it. kNo: the network cannot be realized without it.
enum class Droppable {
  kNo,
  kBandwidth,
  kVlan,
  kVirtualport,
  kPortgroups,  // all of them: each only configures guest ports
  kTrustGuestRxFilters,
  kPortIsolated,
  kMtu,
  kZone,
  kMacTableManager,
};

/// One element a backend cannot realize: Error{kUnsupported} at the element,
/// in the backend's words, and whether import may leave the element out.
struct Refusal {
  Error error;
  Droppable element = Droppable::kNo;
};

/// Result of detecting a manager on the host.
struct Availability {
  bool installed = false;
  bool running = false;
  std::optional<Version> version;
  std::string reason;  // why it is (not) usable, for `vnetctl backends`
  /// Set when the backend cannot work on this host as it is (a part it needs
  /// is missing, or its renderer is another daemon): auto never picks it, and
  /// asking for it by name fails with this reason (exit 69) before anything
  /// changes, rather than half-way through a start.
  std::optional<std::string> unusable;
};

class HostProbe;

/// One step of an activation: a program run as an argv array (never a
/// shell), or, with `builtin` set, a typed host action vnetctl carries out
/// itself, `argv` then being its exact command-line equivalent (what
/// --dry-run prints and the ifupdown hooks run). -v echoes what really runs.
struct ActivationCommand {
  std::vector<std::string> argv;
  bool may_fail = false;  // e.g. deleting something that may already be gone
  std::optional<HostAction> builtin = std::nullopt;
  bool operator==(const ActivationCommand&) const = default;
};
using Commands = std::vector<ActivationCommand>;

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
  /// Every element of `net` this backend refuses before rendering anything,
  /// in the order Render checks them (Render fails with the first). Refusals
  /// that only rendering finds (a manager too old for a key) are Render's
  /// error alone.
  virtual std::vector<Refusal> Refusals(const Network& net) const = 0;

  // Activation. Pure: each returns the commands, core/apply runs them. The
  // files of Render(net, placement) are already on disk when Up runs.
  /// Makes the manager (re)load the network's files and bring the bridge up
  /// with exactly that configuration. Idempotent: on an active network it
  /// re-applies the files, which is how drift (a removed address) is repaired.
  virtual Commands Up(const Network& net, Placement placement) const = 0;
  /// Runs while the files are still on disk: takes the bridge down.
  virtual Commands Down(const Network& net, Placement placement) const = 0;
  /// Runs after the files were removed: the manager forgets the network and
  /// the bridge is gone.
  virtual Commands Forget(const Network& net, Placement placement) const = 0;
  /// True when the native files start and stop the companions themselves
  /// (ifupdown's post-up/pre-down hooks); otherwise core/apply runs
  /// backends/common/companion_runtime.h around Up and Down.
  virtual bool RunsCompanions() const { return false; }
  /// The manager hands the bridge's firewalld zone (Caps::firewalld_zone) to
  /// firewalld itself, from its own configuration (NetworkManager's zone=);
  /// otherwise vnetctl binds it in firewalld's permanent configuration.
  virtual bool KeepsFirewalldZone() const { return false; }
  /// Re-applies changed files or repairs drift on a bridge that is up, keeping
  /// its ports (guests' taps) where the manager can: Up by default;
  /// NetworkManager uses `device reapply`, since `connection up` would detach
  /// every port it did not attach itself.
  virtual Commands Reapply(const Network& net, Placement placement) const {
    return Up(net, placement);
  }
  /// True when Up does nothing on a bridge that is already up (ifup), so a
  /// repair must run Down first; the repair is then disruptive.
  virtual bool ReapplyNeedsDown() const { return false; }
};

}  // namespace vnet
