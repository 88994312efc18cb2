// import --takeover's stand-in (core/import/stand_in.h): the network libvirt
// keeps so that its domains still start, formatted as libvirt's net-define
// gets it; and libvirt's own definition kept for the way back
// (core/store/libvirt_kept.h).
#include "core/import/stand_in.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "core/store/libvirt_kept.h"
#include "core/xml/format.h"
#include "core/xml/parse.h"
#include "tests/unit/store_test_util.h"

namespace vnet::import {
namespace {

Network Parse(const std::string& text) {
  auto net = xml::ParseNetwork(text, "t.xml");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  return std::move(net).value();
}

const char* kLab = R"(<network>
  <name>lab</name>
  <uuid>c0ffee00-7700-4000-8000-000000000042</uuid>
  <title>Lab</title>
  <forward mode='nat'/>
  <bridge name='virbr9' stp='on' delay='0'/>
  <mtu size='9000'/>
  <mac address='52:54:00:0a:0b:0c'/>
  <bandwidth><inbound average='1000'/></bandwidth>
  <port isolated='yes'/>
  <portgroup name='eng' default='yes'>
    <bandwidth><outbound average='500'/></bandwidth>
  </portgroup>
  <portgroup name='ops'>
    <vlan><tag id='42'/></vlan>
  </portgroup>
  <ip address='10.79.0.1' prefix='24'><dhcp><range start='10.79.0.2' end='10.79.0.9'/></dhcp></ip>
</network>)";

TEST_CASE("stand-in: same name and uuid, bridge mode on vnetctl's bridge, what taps need") {
  StandIn s = MakeStandIn(Parse(kLab), "virbr9");
  CHECK(xml::FormatNetwork(s.network, {/*inactive=*/true}) ==
        "<network>\n"
        "  <name>lab</name>\n"
        "  <uuid>c0ffee00-7700-4000-8000-000000000042</uuid>\n"
        "  <title>Lab</title>\n"
        "  <metadata>\n"
        "    <vnetctl:stand-in xmlns:vnetctl=\"urn:vnetctl:libvirt-stand-in\" "
        "network=\"vnetctl\"/>\n"
        "  </metadata>\n"
        "  <forward mode='bridge'/>\n"
        "  <bridge name='virbr9'/>\n"
        "  <mtu size='9000'/>\n"
        "  <port isolated='yes'/>\n"
        "  <portgroup name='eng' default='yes'>\n"
        "    <bandwidth>\n"
        "      <outbound average='500'/>\n"
        "    </bandwidth>\n"
        "  </portgroup>\n"
        "  <portgroup name='ops'>\n"
        "  </portgroup>\n"
        "</network>\n");
  REQUIRE(s.dropped.size() == 1);
  CHECK(s.dropped[0].rfind("/network/portgroup[@name='ops']/vlan: libvirt cannot apply <vlan>",
                           0) == 0);
}

TEST_CASE("stand-in: recognised when libvirt lists it again, libvirt's own network is not") {
  Network lab = Parse(kLab);
  CHECK_FALSE(IsStandIn(lab));
  StandIn s = MakeStandIn(lab, "virbr9");
  const std::string text = xml::FormatNetwork(s.network, {/*inactive=*/true});
  Network reread = Parse(text);
  CHECK(xml::FormatNetwork(reread, {/*inactive=*/true}) == text);
  CHECK(IsStandIn(reread));
  CHECK(reread.Mode() == ForwardMode::kBridge);
  CHECK(reread.BridgeName() == "virbr9");
  CHECK(reread.ips.empty());
}

TEST_CASE("libvirt's definition kept for the way back: as written, with its autostart") {
  testing::TempRoot root;
  LibvirtKept kept(root.path());
  auto none = kept.Read("lab");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  REQUIRE(kept.Keep({"lab", kLab, /*autostart=*/true}).ok());
  CHECK(testing::Slurp(root.At("var/lib/vnetctl/libvirt/lab.xml")) == kLab);
  CHECK(std::filesystem::read_symlink(root.At("var/lib/vnetctl/libvirt/autostart/lab.xml")) ==
        "../lab.xml");
  auto back = kept.Read("lab");
  REQUIRE(back.ok());
  REQUIRE(back->has_value());
  CHECK((*back)->xml == kLab);
  CHECK((*back)->autostart);
  REQUIRE(kept.Keep({"lab", kLab, /*autostart=*/false}).ok());
  CHECK_FALSE((*kept.Read("lab"))->autostart);
  REQUIRE(kept.Forget("lab").ok());
  CHECK_FALSE(kept.Read("lab")->has_value());
  CHECK(kept.Forget("lab").ok());
  CHECK(kept.PathOf("lab") == root.path() + "/var/lib/vnetctl/libvirt/lab.xml");
}

TEST_CASE("libvirt's kept definitions: their names, sorted, the autostart links not among them") {
  testing::TempRoot root;
  LibvirtKept kept(root.path());
  REQUIRE(kept.Names().ok());
  CHECK(kept.Names()->empty());
  REQUIRE(kept.Keep({"lab", kLab, /*autostart=*/true}).ok());
  REQUIRE(kept.Keep({"default", kLab, /*autostart=*/false}).ok());
  CHECK(*kept.Names() == std::vector<std::string>{"default", "lab"});
  REQUIRE(kept.Forget("lab").ok());
  CHECK(*kept.Names() == std::vector<std::string>{"default"});
}

TEST_CASE("libvirt's kept definitions: a name that is no file name is refused") {
  testing::TempRoot root;
  LibvirtKept kept(root.path());
  for (const std::string bad : {"", ".", "..", "../etc/passwd", "a/b", "two\nlines"}) {
    CAPTURE(bad);
    auto read = kept.Read(bad);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().kind == ErrorKind::kInvalidInput);
    CHECK_FALSE(kept.Keep({bad, "<network/>", false}).ok());
    CHECK_FALSE(kept.Forget(bad).ok());
  }
  CHECK_FALSE(std::filesystem::exists(root.At("var/lib/vnetctl/libvirt")));
}

}  // namespace
}  // namespace vnet::import
