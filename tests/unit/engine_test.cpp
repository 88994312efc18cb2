// core/engine/ against a simulated host (tests/unit/sim_host.h) and
// in-memory records: a start converges and is recorded, a second start has
// nothing to do, a failure at any step of a start or an apply leaves the host
// and the records as they were, an unrecordable start is taken down again,
// and destroy takes down a half-made network (no record, or an unreadable
// one).
#include <doctest/doctest.h>

#include <map>

#include "backends/files.h"
#include "tests/unit/engine_bed.h"

namespace vnet::engine_test {

using sim::SimHost;

using engine_bed::Bed;
using engine_bed::kNatXml;
using engine_bed::Parse;
using engine_bed::Runtime;

// What a network leaves on the host: its files, bridge, table, dnsmasq.
bool Realized(const SimHost& h, const std::string& bridge) {
  return h.bridges.count(bridge) && h.bridges.at(bridge).admin_up &&
         h.tables.count("vnetctl_lab") && h.daemons.size() == 1 && !h.files.empty();
}

TEST_CASE("engine: a start converges and is recorded; starting again has nothing to do") {
  Bed bed;
  Network net = Parse(kNatXml);
  auto r = bed.Start(net);
  REQUIRE_MESSAGE(r.ok(), r.error().Format());
  CHECK_FALSE(r->plan.Empty());
  CHECK(Realized(bed.host, "virbr7"));
  CHECK(bed.host.sysctls["net/ipv4/ip_forward"] == "1");
  REQUIRE(bed.records.status.count("lab"));
  const plan::NetworkStatus& st = bed.records.status.at("lab");
  CHECK(st.backend == "networkd");
  CHECK(st.bridge == "virbr7");
  CHECK(st.nft_table == "vnetctl_lab");
  CHECK(st.files.size() == bed.host.files.size());

  size_t ran = bed.host.commands.size();
  auto again = bed.Apply(net);
  REQUIRE_MESSAGE(again.ok(), again.error().Format());
  CHECK(again->plan.Empty());
  CHECK(bed.host.commands.size() == ran);  // nothing ran
}

TEST_CASE("engine: a start that fails at any command leaves the host bare and nothing recorded") {
  Bed ok;
  REQUIRE(ok.Start(Parse(kNatXml)).ok());
  const long steps = static_cast<long>(ok.host.commands.size());
  REQUIRE(steps >= 5);  // networkctl reload/reconfigure, nft -f, sysctl, mkdir, dnsmasq
  for (long i = 0; i < steps; ++i) {
    CAPTURE(i);
    Bed bed;
    bed.host.fail_at = i;
    auto r = bed.Start(Parse(kNatXml));
    CAPTURE(ok.host.commands[i]);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("simulated failure") != std::string::npos);
    CHECK(bed.host.Bare());
    CHECK(bed.records.status.empty());
  }
}

TEST_CASE("engine: a start failing at each step of the transaction leaves the host bare") {
  for (const char* step : {"files-written", "activated", "verified"}) {
    CAPTURE(step);
    Bed bed;
    bed.env.fault = step;
    auto r = bed.Start(Parse(kNatXml));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find(step) != std::string::npos);
    CHECK(bed.host.Bare());
    CHECK(bed.records.status.empty());
  }
}

TEST_CASE("engine: a failed apply puts the previous network back, files and addresses") {
  Network v1 = Parse(kNatXml);
  std::string xml2 = kNatXml;
  xml2.replace(xml2.find("10.77.0.9"), 9, "10.77.0.50");  // a wider DHCP range
  Network v2 = Parse(xml2);
  Bed ok;
  REQUIRE(ok.Start(v1).ok());
  const size_t before = ok.host.commands.size();
  REQUIRE(ok.Apply(v2).ok());
  const long steps = static_cast<long>(ok.host.commands.size() - before);
  REQUIRE(steps >= 1);
  CHECK(ok.records.live.at("lab").ips[0].dhcp->ranges[0].end.ToString() == "10.77.0.50");
  for (long i = 0; i < steps; ++i) {
    CAPTURE(i);
    Bed bed;
    REQUIRE(bed.Start(v1).ok());
    const auto files = bed.host.files;
    const plan::NetworkStatus recorded = bed.records.status.at("lab");
    bed.host.fail_at = static_cast<long>(bed.host.commands.size()) + i;
    auto r = bed.Apply(v2);
    REQUIRE_FALSE(r.ok());
    CHECK(bed.host.files == files);
    CHECK(plan::StatusToJson(bed.records.status.at("lab")) == plan::StatusToJson(recorded));
    // A step that stays broken may keep the old network from coming back
    // whole (dnsmasq cannot start again); then the error says so.
    const std::string& msg = r.error().message;
    if (msg.find("the previous state was restored") != std::string::npos) {
      CHECK(Realized(bed.host, "virbr7"));
    } else {
      CHECK(msg.find("restoring the previous state also failed: ") != std::string::npos);
      CHECK(bed.host.bridges.at("virbr7").admin_up);
    }
  }
}

TEST_CASE("engine: a start whose record cannot be written is taken down again") {
  Bed bed;
  bed.records.fail_record = true;
  auto r = bed.Start(Parse(kNatXml));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("no space left on device; the network was taken down again") !=
        std::string::npos);
  CHECK(bed.host.Bare());
}

TEST_CASE("engine: destroy takes down a half-made network that has no record") {
  Bed bed;
  Network net = Parse(kNatXml);
  bed.Expect(net);
  // A start killed after it changed the host, before it recorded anything.
  apply::Target t{&net, FindBackend("networkd"), Runtime()};
  REQUIRE(apply::Converge(bed.env, t, {}).ok());
  REQUIRE(Realized(bed.host, "virbr7"));
  bed.records.live.insert_or_assign("lab", net);
  auto r = engine::TakeDown(bed.engine, net, /*autostart=*/false, /*transient=*/false);
  REQUIRE_MESSAGE(r.ok(), r.error().Format());
  CHECK(r->warnings.empty());
  CHECK(bed.host.Bare());
  CHECK(bed.records.live.empty());
}

TEST_CASE("engine: destroy takes a network down when its status record cannot be read") {
  Bed bed;
  Network net = Parse(kNatXml);
  REQUIRE(bed.Start(net).ok());
  bed.records.unreadable = true;
  auto r = engine::TakeDown(bed.engine, net, false, false);
  REQUIRE_MESSAGE(r.ok(), r.error().Format());
  REQUIRE(r->warnings.size() == 1);
  CHECK(r->warnings[0].find("status record of network lab cannot be read") != std::string::npos);
  CHECK(bed.host.Bare());
  CHECK(bed.records.live.empty());
}

TEST_CASE("engine: destroy of a recorded network removes all it made, the leases kept") {
  Bed bed;
  Network net = Parse(kNatXml);
  REQUIRE(bed.Start(net).ok());
  const std::string leases = DnsmasqLeasePath("lab");
  bed.host.files[leases] = "1764979200 52:54:00:07:00:42 10.77.0.5 guest *\n";
  auto r = engine::TakeDown(bed.engine, net, false, /*transient=*/false);
  REQUIRE_MESSAGE(r.ok(), r.error().Format());
  CHECK_FALSE(r->plan.Empty());
  CHECK(bed.records.status.empty());
  // libvirt keeps a persistent network's leases for its next start.
  REQUIRE(bed.host.files.count(leases));
  bed.host.files.erase(leases);
  CHECK(bed.host.Bare());

  // A transient network's leases go with it.
  REQUIRE(bed.Start(net).ok());
  bed.host.files[leases] = "1764979200 52:54:00:07:00:42 10.77.0.5 guest *\n";
  REQUIRE(engine::TakeDown(bed.engine, net, false, /*transient=*/true).ok());
  CHECK(bed.host.Bare());
}

}  // namespace vnet::engine_test
