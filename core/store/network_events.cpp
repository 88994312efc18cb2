#include "core/store/network_events.h"

namespace vnet {

std::string_view LifecycleEventName(LifecycleEvent event) {
  switch (event) {
    case LifecycleEvent::kDefined:
      return "Defined";
    case LifecycleEvent::kUndefined:
      return "Undefined";
    case LifecycleEvent::kStarted:
      return "Started";
    case LifecycleEvent::kStopped:
      return "Stopped";
  }
  return "Unknown";
}

namespace {

void EventsOf(const std::string& name, const NetworkSnapshot& was, const NetworkSnapshot& is,
              std::vector<NetworkEvent>& out) {
  const bool defined = is.persistent && (!was.persistent || was.definition != is.definition ||
                                         was.definition_file != is.definition_file);
  if (defined) out.push_back({name, LifecycleEvent::kDefined});
  if (!was.running && is.running) out.push_back({name, LifecycleEvent::kStarted});
  if (was.running && !is.running) out.push_back({name, LifecycleEvent::kStopped});
  if (was.persistent && !is.persistent) out.push_back({name, LifecycleEvent::kUndefined});
}

}  // namespace

std::vector<NetworkEvent> LifecycleEvents(const NetworkSnapshots& before,
                                          const NetworkSnapshots& after) {
  static const NetworkSnapshot kAbsent;
  std::vector<NetworkEvent> out;
  auto b = before.begin();
  auto a = after.begin();
  while (b != before.end() || a != after.end()) {
    if (a == after.end() || (b != before.end() && b->first < a->first)) {
      EventsOf(b->first, b->second, kAbsent, out);
      ++b;
    } else if (b == before.end() || a->first < b->first) {
      EventsOf(a->first, kAbsent, a->second, out);
      ++a;
    } else {
      EventsOf(a->first, b->second, a->second, out);
      ++a;
      ++b;
    }
  }
  return out;
}

}  // namespace vnet
