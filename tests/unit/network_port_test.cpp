// The network ports of port-list/-dumpxml/-create/-delete: the derived port
// UUID (core/engine/network_ports.h), the guest MAC rule, and libvirt's
// networkport XML (core/xml/network_port.h).
#include "core/xml/network_port.h"

#include <doctest/doctest.h>

#include "core/engine/network_ports.h"

namespace vnet {
namespace {

const Uuid kPortNet = *Uuid::Parse("c3c1f4b8-4e4a-4a0e-9c1b-1f2d3e4a5b6c");

live::Link PortLink(const std::string& name, const std::string& mac, const std::string& master) {
  live::Link l;
  l.name = name;
  l.mac = MacAddr::Parse(mac);
  l.master = master;
  return l;
}

TEST_CASE("a port's UUID is version 5 of the network's UUID and the interface's name") {
  // Python: uuid.uuid5(uuid.UUID('c3c1f4b8-…'), 'vnet0')
  CHECK(engine::PortUuid(kPortNet, "vnet0").ToString() == "edfc7445-40c2-58bf-b07b-501531523131");
  CHECK(engine::PortUuid(kPortNet, "vnet1").ToString() == "bc6a95c0-7165-52ee-a58b-72dc3f8eb616");
  CHECK(engine::PortUuid(kPortNet, "vnet0") == engine::PortUuid(kPortNet, "vnet0"));
  Uuid other = *Uuid::Parse("00000000-0000-0000-0000-000000000001");
  CHECK(engine::PortUuid(other, "vnet0") != engine::PortUuid(kPortNet, "vnet0"));
}

TEST_CASE("a libvirt tap's fe:… MAC is its guest's 52:…; other links keep their own") {
  CHECK(engine::GuestMac(PortLink("vnet0", "fe:54:00:12:34:56", "virbr0"))->ToString() ==
        "52:54:00:12:34:56");
  CHECK(engine::GuestMac(PortLink("veth0", "0a:11:22:33:44:55", "virbr0"))->ToString() ==
        "0a:11:22:33:44:55");
  live::Link none;
  none.name = "x";
  CHECK_FALSE(engine::GuestMac(none).has_value());

  MacAddr guest = *MacAddr::Parse("52:54:00:12:34:56");
  CHECK(engine::MatchesGuestMac(PortLink("vnet0", "fe:54:00:12:34:56", ""), guest));
  CHECK(engine::MatchesGuestMac(PortLink("tap0", "52:54:00:12:34:56", ""), guest));
  CHECK_FALSE(engine::MatchesGuestMac(PortLink("tap1", "52:54:00:12:34:57", ""), guest));
}

TEST_CASE("a network's ports are its bridge's links, sorted by UUID") {
  live::HostState kernel;
  kernel.links = {PortLink("eth0", "00:11:22:33:44:55", ""),
                  PortLink("vnet0", "fe:54:00:00:00:01", "virbr0"),
                  PortLink("vnet1", "fe:54:00:00:00:02", "virbr0"),
                  PortLink("vnet9", "fe:54:00:00:00:09", "virbr1")};
  auto ports = engine::NetworkPorts(kernel, "virbr0", kPortNet);
  REQUIRE(ports.size() == 2);
  // bc6a… (vnet1) sorts before edfc… (vnet0).
  CHECK(ports[0].ifname == "vnet1");
  CHECK(ports[1].ifname == "vnet0");
  CHECK(ports[1].mac->ToString() == "52:54:00:00:00:01");
  CHECK(engine::NetworkPorts(kernel, "", kPortNet).empty());
}

TEST_CASE("plug and unplug are ip(8) argv arrays") {
  CHECK(engine::PlugCommand("vnet0", "virbr0").argv ==
        std::vector<std::string>{"ip", "link", "set", "dev", "vnet0", "master", "virbr0"});
  CHECK(engine::UnplugCommand("vnet0").argv ==
        std::vector<std::string>{"ip", "link", "set", "dev", "vnet0", "nomaster"});
}

const char* kNetworkPortXml = R"(<networkport>
  <uuid>edfc7445-40c2-58bf-b07b-501531523131</uuid>
  <owner>
    <name>vnet0</name>
    <uuid>00000000-0000-0000-0000-000000000000</uuid>
  </owner>
  <mac address='52:54:00:12:34:56'/>
  <plug type='network' bridge='virbr0'/>
</networkport>
)";

TEST_CASE("networkport XML is formatted as libvirt formats it, and parses back") {
  xml::NetworkPortDoc doc;
  doc.uuid = engine::PortUuid(kPortNet, "vnet0");
  doc.owner_name = "vnet0";
  doc.owner_uuid = Uuid{};
  doc.mac = MacAddr::Parse("52:54:00:12:34:56");
  doc.plug_type = "network";
  doc.plug_bridge = "virbr0";
  CHECK(xml::FormatNetworkPort(doc) == kNetworkPortXml);

  auto back = xml::ParseNetworkPort(kNetworkPortXml, "p.xml");
  REQUIRE_MESSAGE(back.ok(), back.error().Format());
  CHECK(back->uuid == doc.uuid);
  CHECK(back->owner_name == "vnet0");
  CHECK(back->owner_uuid == doc.owner_uuid);
  CHECK(back->mac == doc.mac);
  CHECK(back->plug_type == "network");
  CHECK(back->plug_bridge == "virbr0");
}

TEST_CASE("networkport XML errors are libvirt's XML errors") {
  auto parse = [](const std::string& text) { return xml::ParseNetworkPort(text, "p.xml"); };
  auto no_mac = parse(
      "<networkport><uuid>edfc7445-40c2-58bf-b07b-501531523131</uuid>"
      "<owner><name>g</name><uuid>00000000-0000-0000-0000-000000000000</uuid></owner>"
      "</networkport>");
  REQUIRE_FALSE(no_mac.ok());
  CHECK(no_mac.error().kind == ErrorKind::kInvalidInput);
  CHECK(no_mac.error().message == "XML error: missing mac address");

  auto bad_mac = parse(
      "<networkport><uuid>edfc7445-40c2-58bf-b07b-501531523131</uuid>"
      "<owner><name>g</name><uuid>00000000-0000-0000-0000-000000000000</uuid></owner>"
      "<mac address='52:54:zz:00:00:01'/></networkport>");
  REQUIRE_FALSE(bad_mac.ok());
  CHECK(bad_mac.error().message == "XML error: Unable to parse MAC '52:54:zz:00:00:01'");

  auto no_owner = parse(
      "<networkport><uuid>edfc7445-40c2-58bf-b07b-501531523131</uuid>"
      "<mac address='52:54:00:00:00:01'/></networkport>");
  REQUIRE_FALSE(no_owner.ok());
  CHECK(no_owner.error().message == "XML error: missing owner");

  auto bad_plug = parse(
      "<networkport><uuid>edfc7445-40c2-58bf-b07b-501531523131</uuid>"
      "<owner><name>g</name><uuid>00000000-0000-0000-0000-000000000000</uuid></owner>"
      "<mac address='52:54:00:00:00:01'/><plug type='tunnel'/></networkport>");
  REQUIRE_FALSE(bad_plug.ok());
  CHECK(bad_plug.error().message == "XML error: Unknown network port plug type 'tunnel'");

  auto wrong_root = parse("<network/>");
  REQUIRE_FALSE(wrong_root.ok());
  CHECK(wrong_root.error().message ==
        "XML error: unexpected root element <network>, expecting <networkport>");

  auto direct = parse(
      "<networkport><uuid>edfc7445-40c2-58bf-b07b-501531523131</uuid>"
      "<owner><name>g</name><uuid>00000000-0000-0000-0000-000000000000</uuid></owner>"
      "<mac address='52:54:00:00:00:01'/><plug type='direct' dev='eth0' mode='vepa'/>"
      "</networkport>");
  REQUIRE(direct.ok());
  CHECK(direct->plug_type == "direct");
  CHECK(direct->plug_bridge.empty());
}

}  // namespace
}  // namespace vnet
