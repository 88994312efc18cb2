// import --takeover and --handback in the engine (core/engine/takeover.h,
// handback.h) against the simulated host and a libvirt that keeps its
// networks in memory: a takeover leaves libvirt its stand-in and, when the
// stand-in fails, gives libvirt its own network back and takes vnetctl's
// down; a handback restores libvirt's definition with vnetctl's leases and,
// when libvirt's network does not start, brings vnetctl's back with the
// stand-in. The real libvirtd and a real QEMU domain: tests/e2e/import.sh.
#include "core/engine/takeover.h"

#include <doctest/doctest.h>

#include <map>
#include <set>

#include "backends/files.h"
#include "core/engine/handback.h"
#include "core/import/stand_in.h"
#include "core/xml/format.h"
#include "tests/unit/engine_bed.h"

namespace vnet::takeover_test {

using engine_bed::Bed;
using engine_bed::kNatXml;
using engine_bed::Parse;

// libvirt's network driver, reduced to what the takeover and handback use.
class FakeLibvirt : public import::LibvirtClient {
 public:
  struct Net {
    std::string xml;
    bool active = false;
    bool autostart = false;
  };
  const std::string& Uri() const override { return uri_; }
  Result<std::vector<import::SourceNetwork>> List() override { return Fail("list"); }
  Result<std::vector<import::SourceLease>> Leases(const std::string&) override {
    import::SourceLease l;
    l.expiry = 1767225600;
    l.mac = "52:54:00:07:00:42";
    l.ip = "10.77.0.5";
    l.prefix = 24;
    l.hostname = "guest";
    return std::vector<import::SourceLease>{l};
  }
  Status Destroy(const std::string& name) override {
    if (!nets.count(name) || !nets[name].active) return Fail("destroy");
    nets[name].active = false;
    return OkStatus();
  }
  Status Start(const import::SourceNetwork& s) override {
    VNET_TRY(Check("start " + Kind(s.xml)));
    nets[s.name].active = true;
    return OkStatus();
  }
  Status SetAutostart(const std::string& name, bool on) override {
    nets[name].autostart = on;
    return OkStatus();
  }
  Status Define(const std::string& xml) override {
    VNET_TRY(Check("define " + Kind(xml)));
    nets[Parse(xml).name].xml = xml;
    return OkStatus();
  }

  std::map<std::string, Net> nets;
  /// Calls that fail: "define stand-in", "start original", …
  std::set<std::string> failing;

 private:
  static std::string Kind(const std::string& xml) {
    return import::IsStandIn(Parse(xml)) ? "stand-in" : "original";
  }
  Status Check(const std::string& call) {
    if (failing.count(call)) return Fail(call);
    return OkStatus();
  }
  static Error Fail(const std::string& what) {
    return MakeError(ErrorKind::kSystem, "libvirt refused: " + what);
  }
  std::string uri_ = "test:///fake";
};

struct Takeover {
  Bed bed;
  FakeLibvirt libvirt;
  Network net = Parse(kNatXml);
  import::SourceNetwork source{"lab", kNatXml, "test:///fake:lab", true, true, true};
  std::string stand_in = xml::FormatNetwork(import::MakeStandIn(net, "virbr7").network, {true});

  Takeover() { libvirt.nets["lab"] = {kNatXml, true, true}; }
  Result<engine::TakenOver> Run() {
    bed.Expect(net);
    return engine::TakeOver(bed.engine, libvirt, source, net, /*dnsmasq_dhcp=*/true, stand_in);
  }
  // vnetctl's network as active (a copy: the handback clears the records).
  Network live;
  engine::HandBackRequest Back() {
    live = bed.records.live.at("lab");
    engine::HandBackRequest r;
    r.original = source;
    r.live = &live;
    r.live_autostart = true;
    r.stand_in_active = true;
    r.stand_in_xml = stand_in;
    return r;
  }
};

TEST_CASE("takeover: vnetctl's network up, libvirt keeps an active, autostarted stand-in") {
  Takeover t;
  auto r = t.Run();
  REQUIRE_MESSAGE(r.ok(), r.error().Format());
  CHECK(r->leases_carried == 1);
  CHECK(t.bed.host.bridges.count("virbr7"));
  CHECK(t.bed.records.status.count("lab"));
  const FakeLibvirt::Net& lab = t.libvirt.nets.at("lab");
  CHECK(lab.xml == t.stand_in);
  CHECK(lab.active);
  CHECK(lab.autostart);
}

TEST_CASE("takeover: a stand-in libvirt refuses gives libvirt its own network back") {
  for (const char* failing : {"define stand-in", "start stand-in"}) {
    CAPTURE(failing);
    Takeover t;
    t.libvirt.failing.insert(failing);
    auto r = t.Run();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("libvirt's stand-in: libvirt refused: " + std::string(failing)) !=
          std::string::npos);
    CHECK(r.error().message.find("vnetctl's network was taken down") != std::string::npos);
    CHECK(r.error().message.find("libvirt's network lab was started again") != std::string::npos);
    CHECK_FALSE(t.bed.host.bridges.count("virbr7"));
    CHECK(t.bed.records.status.empty());
    const FakeLibvirt::Net& lab = t.libvirt.nets.at("lab");
    CHECK(lab.xml == kNatXml);
    CHECK(lab.active);
    CHECK(lab.autostart);
  }
}

TEST_CASE("handback: libvirt's own definition back and started, with vnetctl's leases") {
  Takeover t;
  REQUIRE(t.Run().ok());
  auto r = engine::HandBack(t.bed.engine, t.libvirt, t.Back());
  REQUIRE_MESSAGE(r.ok(), r.error().Format());
  CHECK(r->leases_carried == 1);
  CHECK_FALSE(t.bed.host.bridges.count("virbr7"));
  CHECK(t.bed.records.status.empty());
  const FakeLibvirt::Net& lab = t.libvirt.nets.at("lab");
  CHECK(lab.xml == kNatXml);
  CHECK(lab.active);
  CHECK(lab.autostart);
  const std::string status = t.bed.host.files.at(engine::LibvirtLeaseStatusPath("virbr7"));
  CHECK(status.find("\"mac-address\": \"52:54:00:07:00:42\"") != std::string::npos);
  CHECK(status.find("\"ip-address\": \"10.77.0.5\"") != std::string::npos);
}

TEST_CASE("handback: when libvirt's network does not start, vnetctl's and the stand-in stay") {
  Takeover t;
  REQUIRE(t.Run().ok());
  t.libvirt.failing.insert("start original");
  auto r = engine::HandBack(t.bed.engine, t.libvirt, t.Back());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("giving network lab back to libvirt failed") != std::string::npos);
  CHECK(r.error().message.find("vnetctl's network lab was started again") != std::string::npos);
  CHECK(t.bed.host.bridges.count("virbr7"));
  CHECK(t.bed.records.status.count("lab"));
  const FakeLibvirt::Net& lab = t.libvirt.nets.at("lab");
  CHECK(lab.xml == t.stand_in);
  CHECK(lab.active);
}

}  // namespace vnet::takeover_test
