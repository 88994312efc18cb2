// import: what a backend can carry, libvirt's leases as a dnsmasq lease file,
// a libvirt config directory, and the real libvirt API on the daemon-less
// test:///default driver.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "backends/registry.h"
#include "core/import/carry.h"
#include "core/import/libvirt_source.h"
#include "core/live/leases.h"
#include "core/xml/parse.h"
#include "tests/unit/store_test_util.h"

namespace vnet::import {
namespace {

Network Parse(const std::string& text) {
  auto net = xml::ParseNetwork(text, "t.xml");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  return std::move(net).value();
}

const Backend& Named(const char* name) {
  const Backend* b = FindBackend(name);
  REQUIRE(b != nullptr);
  return *b;
}

const char* kShaped = R"(<network>
  <name>shaped</name>
  <forward mode='nat'/>
  <bridge name='virbr8'/>
  <bandwidth><inbound average='1000'/></bandwidth>
  <portgroup name='eng' default='yes'/>
  <ip address='10.78.0.1' prefix='24'><dhcp><range start='10.78.0.2' end='10.78.0.9'/></dhcp></ip>
</network>)";

TEST_CASE("import: a plain NAT network is carried whole by every backend") {
  Network net = Parse(
      "<network><name>n</name><forward mode='nat'/><bridge name='virbr3' stp='off'/>"
      "<ip address='10.3.0.1' prefix='24'><dhcp><range start='10.3.0.2' end='10.3.0.9'/>"
      "</dhcp></ip></network>");
  for (const char* b : {"networkd", "netplan", "networkmanager", "ifupdown"}) {
    CAPTURE(b);
    auto report = CheckCarry(net, Named(b), Caps{});
    REQUIRE(report.ok());
    CHECK(report->uncarried.empty());
    CHECK(report->startable);
  }
}

TEST_CASE("import: guest-port settings are reported one by one and dropped") {
  Network net = Parse(kShaped);
  for (const char* b : {"networkd", "netplan", "networkmanager", "ifupdown"}) {
    CAPTURE(b);
    auto report = CheckCarry(net, Named(b), Caps{});
    REQUIRE(report.ok());
    REQUIRE(report->uncarried.size() == 2);
    CHECK(report->uncarried[0].where == "/network/bandwidth");
    CHECK(report->uncarried[0].message.find("<bandwidth> is not supported by the") !=
          std::string::npos);
    CHECK(report->uncarried[1].where.starts_with("/network/portgroup"));
    CHECK(report->startable);
    CHECK_FALSE(report->carried.bandwidth);
    CHECK(report->carried.portgroups.empty());
    // Only those: the addresses and DHCP are carried.
    CHECK(report->carried.ips.size() == 1);
    CHECK(Named(b).Render(report->carried, Caps{}).ok());
  }
}

const char* kGuestPorts = R"(<network trustGuestRxFilters='yes'>
  <name>ports</name>
  <forward mode='nat'/>
  <bridge name='virbr9' zone='trusted'/>
  <vlan><tag id='42'/></vlan>
  <portgroup name='eng' default='yes'/>
  <portgroup name='ops'/>
  <ip address='10.79.0.1' prefix='24'/>
</network>)";

TEST_CASE("import: a backend names every refusal at once, each with what may be dropped") {
  Network net = Parse(kGuestPorts);
  for (const char* b : {"networkd", "netplan", "networkmanager", "ifupdown"}) {
    CAPTURE(b);
    std::vector<Refusal> refusals = Named(b).Refusals(net);
    REQUIRE(refusals.size() >= 3);
    for (const Refusal& r : refusals) {
      CAPTURE(r.error.message);
      CHECK(r.error.kind == ErrorKind::kUnsupported);
      CHECK(r.error.where.path.starts_with("/network"));
      CHECK(r.element != Droppable::kNo);
    }
    // Render refuses with the first of them, word for word.
    auto rendering = Named(b).Render(net, Caps{});
    REQUIRE_FALSE(rendering.ok());
    CHECK(rendering.error().message == refusals.front().error.message);
    // Import leaves each out once (both portgroups under one report) and starts the rest.
    auto report = CheckCarry(net, Named(b), Caps{});
    REQUIRE(report.ok());
    CHECK(report->startable);
    CHECK(std::count_if(report->uncarried.begin(), report->uncarried.end(), [](const auto& u) {
            return u.where.starts_with("/network/portgroup");
          }) == 1);
    CHECK(report->carried.portgroups.empty());
    CHECK_FALSE(report->carried.vlan);
    CHECK_FALSE(report->carried.trust_guest_rx_filters);
    CHECK(Named(b).Render(report->carried, Caps{}).ok());
  }
}

TEST_CASE("import: a network without a bridge of its own cannot be started") {
  Network net = Parse(
      "<network><name>sriov</name><forward mode='hostdev' managed='yes'><pf dev='eth9'/>"
      "</forward></network>");
  auto report = CheckCarry(net, Named("networkd"), Caps{});
  REQUIRE(report.ok());
  CHECK_FALSE(report->startable);
  REQUIRE(report->uncarried.size() == 1);
  CHECK(report->uncarried[0].where == "/network/forward");
}

TEST_CASE("import: libvirt's leases become a dnsmasq lease file dnsmasq's parser reads back") {
  std::vector<SourceLease> leases = {
      {1700000000, false, "52:54:00:AA:00:01", "192.168.122.150", 24, "vm1", "01:52:54:00:aa:00:01",
       ""},
      {1700000100, false, "52:54:00:aa:00:02", "192.168.122.151", 24, "", "", ""},
      // A hostname with a space would add a field: it becomes '*'.
      {1700000200, false, "52:54:00:aa:00:03", "192.168.122.152", 24, "evil name\nduid x", "", ""},
      // Not carried: an unparseable MAC, and IPv6 (no server DUID from the API).
      {1700000300, false, "zz", "192.168.122.153", 24, "", "", ""},
      {1700000400, true, "", "fd00::10", 64, "v6", "00:01:00:01", "12345"},
  };
  std::string text = DnsmasqLeasesFrom(leases);
  CHECK(text ==
        "1700000000 52:54:00:aa:00:01 192.168.122.150 vm1 01:52:54:00:aa:00:01\n"
        "1700000100 52:54:00:aa:00:02 192.168.122.151 * *\n"
        "1700000200 52:54:00:aa:00:03 192.168.122.152 * *\n");
  live::DnsmasqLeaseFile back = live::ParseDnsmasqLeases(text);
  CHECK(back.malformed.empty());
  REQUIRE(back.leases.size() == 3);
  CHECK(back.leases[0].hostname == "vm1");
  CHECK(back.leases[1].hostname.empty());
}

TEST_CASE("import: FormatDnsmasqLeases writes IPv6 leases after the server DUID") {
  live::DnsmasqLeaseFile f;
  f.server_duid = "00:01:00:01:2c:00:00:01";
  live::DnsmasqLease v6;
  v6.expiry = 5;
  v6.type = "ipv6";
  v6.ip = "fd00::10";
  v6.iaid = "12345";
  v6.client_id = "00:01:00:01:aa";
  f.leases.push_back(v6);
  std::string text = live::FormatDnsmasqLeases(f);
  CHECK(text == "duid 00:01:00:01:2c:00:00:01\n5 12345 fd00::10 * 00:01:00:01:aa\n");
  live::DnsmasqLeaseFile back = live::ParseDnsmasqLeases(text);
  CHECK(back.server_duid == f.server_duid);
  REQUIRE(back.leases.size() == 1);
  CHECK(back.leases[0].iaid == "12345");
}

TEST_CASE("import: a libvirt config directory, with autostart links") {
  testing::TempRoot root;
  std::filesystem::create_directories(root.At("etc/libvirt/qemu/networks/autostart"));
  std::ofstream(root.At("etc/libvirt/qemu/networks/a.xml")) << "<network><name>a</name></network>";
  std::ofstream(root.At("etc/libvirt/qemu/networks/b.xml")) << "<network><name>b</name></network>";
  std::ofstream(root.At("etc/libvirt/qemu/networks/notes.txt")) << "ignored";
  std::filesystem::create_symlink("/etc/libvirt/qemu/networks/b.xml",
                                  root.At("etc/libvirt/qemu/networks/autostart/b.xml"));
  auto nets = ReadLibvirtDir(root.path(), "/etc/libvirt/qemu/networks");
  REQUIRE(nets.ok());
  REQUIRE(nets->size() == 2);
  CHECK((*nets)[0].name == "a");
  CHECK_FALSE((*nets)[0].autostart);
  CHECK((*nets)[1].name == "b");
  CHECK((*nets)[1].autostart);
  CHECK((*nets)[1].persistent);
  CHECK_FALSE((*nets)[1].active);
  CHECK((*nets)[1].origin == root.At("etc/libvirt/qemu/networks/b.xml"));
  CHECK((*nets)[1].xml == "<network><name>b</name></network>");

  auto missing = ReadLibvirtDir(root.path(), "/etc/libvirt/nosuch");
  CHECK_FALSE(missing.ok());
}

TEST_CASE("import: the libvirt API on test:///default") {
  auto client = ConnectLibvirt("test:///default", /*read_only=*/false);
  REQUIRE_MESSAGE(client.ok(), client.error().message);
  auto nets = (*client)->List();
  REQUIRE(nets.ok());
  REQUIRE(nets->size() == 1);
  const SourceNetwork d = nets->front();
  CHECK(d.name == "default");
  CHECK(d.active);
  CHECK(d.persistent);
  CHECK(d.origin == "test:///default:default");
  Network parsed = Parse(d.xml);
  CHECK(parsed.BridgeName() == "virbr0");

  // The takeover's changes and their undo, on the in-process driver.
  REQUIRE((*client)->Destroy("default").ok());
  nets = (*client)->List();
  REQUIRE(nets.ok());
  CHECK_FALSE(nets->front().active);
  REQUIRE((*client)->Start(d).ok());
  REQUIRE((*client)->SetAutostart("default", true).ok());
  nets = (*client)->List();
  REQUIRE(nets.ok());
  CHECK(nets->front().active);
  CHECK(nets->front().autostart);

  auto unknown = (*client)->Destroy("nosuch");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().kind == ErrorKind::kNotFound);

  auto bad = ConnectLibvirt("nosuchdriver:///x", true);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == ErrorKind::kUnavailable);
}

}  // namespace
}  // namespace vnet::import
