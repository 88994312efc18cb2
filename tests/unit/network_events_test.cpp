// Lifecycle events from two snapshots (core/store/network_events.h): what
// `vnetctl event` prints, in libvirt's order.
#include "core/store/network_events.h"

#include <doctest/doctest.h>

namespace vnet {
namespace {

std::vector<std::string> Names(const std::vector<NetworkEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) {
    out.push_back(e.network + ":" + std::string(LifecycleEventName(e.event)));
  }
  return out;
}

using V = std::vector<std::string>;

TEST_CASE("events: define, start, stop, undefine, each once") {
  NetworkSnapshots none;
  NetworkSnapshots defined{{"lab", {/*persistent=*/true, /*running=*/false, "<a/>", ""}}};
  NetworkSnapshots started{{"lab", {true, true, "<a/>", ""}}};
  CHECK(Names(LifecycleEvents(none, defined)) == V{"lab:Defined"});
  CHECK(Names(LifecycleEvents(defined, started)) == V{"lab:Started"});
  CHECK(Names(LifecycleEvents(started, defined)) == V{"lab:Stopped"});
  CHECK(Names(LifecycleEvents(defined, none)) == V{"lab:Undefined"});
  CHECK(LifecycleEvents(started, started).empty());
}

TEST_CASE("events: several at once in libvirt's order; networks by name") {
  NetworkSnapshots none;
  NetworkSnapshots both{{"b", {true, true, "<b/>", ""}}, {"a", {true, true, "<a/>", ""}}};
  CHECK(Names(LifecycleEvents(none, both)) ==
        V{"a:Defined", "a:Started", "b:Defined", "b:Started"});
  CHECK(Names(LifecycleEvents(both, none)) ==
        V{"a:Stopped", "a:Undefined", "b:Stopped", "b:Undefined"});
}

TEST_CASE("events: transient networks, undefine while running, redefinition") {
  NetworkSnapshots none;
  NetworkSnapshots transient{{"t", {/*persistent=*/false, /*running=*/true, "", ""}}};
  // net-create: Started only; its destroy: Stopped only
  CHECK(Names(LifecycleEvents(none, transient)) == V{"t:Started"});
  CHECK(Names(LifecycleEvents(transient, none)) == V{"t:Stopped"});
  // undefine while it runs: it stays, transient
  NetworkSnapshots running{{"t", {true, true, "<t/>", ""}}};
  CHECK(Names(LifecycleEvents(running, transient)) == V{"t:Undefined"});
  // define again, changed: Defined (as libvirt's net-define of a defined network)
  NetworkSnapshots changed{{"t", {true, true, "<t mtu='9000'/>", ""}}};
  CHECK(Names(LifecycleEvents(running, changed)) == V{"t:Defined"});
  // define again, unchanged: the file is written again, and libvirt reports
  // every net-define
  NetworkSnapshots before{{"t", {true, false, "<t/>", "12:1.5"}}};
  NetworkSnapshots rewritten{{"t", {true, false, "<t/>", "13:2.5"}}};
  CHECK(Names(LifecycleEvents(before, rewritten)) == V{"t:Defined"});
  CHECK(LifecycleEvents(before, before).empty());
}

}  // namespace
}  // namespace vnet
