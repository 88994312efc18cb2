// The engine on a simulated host (tests/unit/sim_host.h) with in-memory
// live records and the networkd backend: the bed engine_test.cpp and
// takeover_test.cpp run the engine on.
#pragma once

#include <doctest/doctest.h>

#include <map>

#include "backends/registry.h"
#include "core/engine/realize.h"
#include "core/xml/parse.h"
#include "tests/unit/sim_host.h"

namespace vnet::engine_bed {

using sim::SimHost;

constexpr const char* kNatXml =
    "<network><name>lab</name><forward mode='nat'/><bridge name='virbr7'/>"
    "<mac address='52:54:00:07:00:01'/>"
    "<ip address='10.77.0.1' prefix='24'><dhcp><range start='10.77.0.2' end='10.77.0.9'/>"
    "</dhcp></ip></network>";

inline Network Parse(const std::string& xml) {
  auto net = xml::ParseNetwork(xml, "lab.xml");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  return std::move(net).value();
}

// The live records, in memory; `fail_record` makes recording fail (a full
// /run), `unreadable` makes the status record unreadable (a corrupt file).
class MemoryRecords : public engine::Records {
 public:
  Result<std::optional<plan::NetworkStatus>> LoadStatus(const std::string& name) const override {
    if (unreadable) return MakeError(ErrorKind::kSystem, "lab.json:1: not JSON");
    auto it = status.find(name);
    return it == status.end() ? std::optional<plan::NetworkStatus>() : it->second;
  }
  Result<std::vector<Network>> OtherActive(const std::string& name) const override {
    std::vector<Network> out;
    for (const auto& [n, net] : live) {
      if (n != name) out.push_back(net);
    }
    return out;
  }
  Status RecordActive(const Network& net, const plan::NetworkStatus& s) const override {
    if (fail_record) return MakeError(ErrorKind::kSystem, "no space left on device");
    live.insert_or_assign(net.name, net);
    status.insert_or_assign(net.name, s);
    return OkStatus();
  }
  Status ClearLive(const std::string& name) const override {
    live.erase(name);
    status.erase(name);
    return OkStatus();
  }
  mutable std::map<std::string, Network> live;
  mutable std::map<std::string, plan::NetworkStatus> status;
  bool fail_record = false;
  bool unreadable = false;
};

inline Caps Runtime() {
  Caps caps;
  caps.placement = Placement::kRuntime;
  caps.manager = Version::Parse("252");
  caps.dnsmasq = Version::Parse("2.90");
  return caps;
}

// One host, one set of records, the networkd backend; the simulated host
// knows what each network's bridge looks like once networkd made it.
struct Bed {
  SimHost host;
  MemoryRecords records;
  apply::Env env{host, host, host, /*dry_run=*/false, "", std::chrono::milliseconds(0)};
  engine::Engine engine{env, records, [](const engine::BackendRequest& r) {
                          engine::BackendFor bf{FindBackend("networkd"), Runtime()};
                          bf.caps.placement = r.placement;
                          return Result<engine::BackendFor>(bf);
                        }};

  void Expect(const Network& net) {
    auto want = plan::Desire(net, *FindBackend("networkd"), Runtime());
    REQUIRE_MESSAGE(want.ok(), want.error().Format());
    host.Expect(*want);
  }
  Result<engine::Realized> Start(const Network& net) {
    Expect(net);
    return engine::Realize(engine, net, {}, /*autostart=*/false);
  }
  Result<engine::Realized> Apply(const Network& net) {
    Expect(net);
    const Network& old = records.live.at(net.name);
    const plan::NetworkStatus& st = records.status.at(net.name);
    return engine::Realize(engine, net, {&old, &st}, false);
  }
};

}  // namespace vnet::engine_bed
