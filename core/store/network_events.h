// Network lifecycle events (virsh net-event's 'lifecycle'), derived with no
// daemon: from two snapshots of the networks, the one before a change and the
// one after. libvirt's network driver emits the same four events from inside
// its daemon; vnetctl has none, so `vnetctl event` compares what it sees.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vnet {

enum class LifecycleEvent { kDefined, kUndefined, kStarted, kStopped };

/// virsh's word for it: "Defined", "Undefined", "Started", "Stopped".
std::string_view LifecycleEventName(LifecycleEvent event);

/// One network as a watcher sees it.
struct NetworkSnapshot {
  bool persistent = false;
  bool running = false;    // active, and its bridge up on the live host
  std::string definition;  // the persistent definition's XML ("" if transient)
  /// The definition file's identity (inode, modification time): a define
  /// rewrites the file even when nothing in it changes, and libvirt reports
  /// every net-define as Defined.
  std::string definition_file;
};

/// Every network by name.
using NetworkSnapshots = std::map<std::string, NetworkSnapshot>;

struct NetworkEvent {
  std::string network;
  LifecycleEvent event;
};

/// What happened between `before` and `after`, as libvirt reports it: a
/// persistent definition that appears, changes or is written again is Defined, one that goes
/// is Undefined (a network undefined while it runs stays, transient);
/// running starts or ends: Started, Stopped. Per network in libvirt's order
/// (Defined before Started, Stopped before Undefined); networks by name.
/// Pure.
std::vector<NetworkEvent> LifecycleEvents(const NetworkSnapshots& before,
                                          const NetworkSnapshots& after);

}  // namespace vnet
