#include <doctest/doctest.h>

#include "backends/netplan/netplan_backend.h"
#include "backends/netplan/render.h"
#include "backends/netplan/yaml.h"
#include "networkd_test_networks.h"

namespace vnet {
namespace {

using testnet::Loc;

Caps Netplan(Placement placement = Placement::kPersistent) {
  Caps caps;
  caps.placement = placement;
  caps.manager = Version{0, 106, 0};
  return caps;
}

Rendering MustRender(const Network& net, const Caps& caps = Netplan()) {
  Result<Rendering> r = RenderNetplanNative(net, caps);
  if (!r.ok()) FAIL("unexpected error: " << r.error().Format());
  return std::move(r).value();
}

Error MustFail(const Network& net) {
  Result<Rendering> r = RenderNetplanNative(net, Netplan());
  if (r.ok()) FAIL("expected an error, got " << r->files.size() << " files");
  return r.error();
}

// The YAML every bridge shares after its addresses and MAC.
std::string Header(const std::string& name, const std::string& bridge) {
  return "# vnetctl network '" + name +
         "': generated, do not edit\n"
         "network:\n"
         "  version: 2\n"
         "  bridges:\n"
         "    \"" +
         bridge +
         "\":\n"
         "      renderer: networkd\n"
         "      interfaces: []\n";
}

TEST_CASE("netplan: libvirt's default network") {
  Rendering r = MustRender(testnet::Default());
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].path == "/etc/netplan/90-vnetctl-default.yaml");
  CHECK(r.files[0].mode == 0600);
  CHECK(r.files[0].content ==
        "# vnetctl network 'default': generated, do not edit\n"
        "network:\n"
        "  version: 2\n"
        "  bridges:\n"
        "    \"virbr0\":\n"
        "      renderer: networkd\n"
        "      interfaces: []\n"
        "      addresses:\n"
        "        - \"192.168.122.1/24\"\n"
        "      macaddress: \"52:54:00:0a:cd:21\"\n"
        "      link-local: []\n"
        "      accept-ra: false\n"
        "      optional: true\n"
        "      parameters:\n"
        "        stp: true\n"
        "        forward-delay: 2\n");
  CHECK(r.warnings.empty());  // the 2 s is the kernel's, as under libvirt: doctor notes it
}

TEST_CASE("netplan: runtime placement goes to /run/netplan") {
  Rendering r = MustRender(testnet::Default(), Netplan(Placement::kRuntime));
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].path == "/run/netplan/90-vnetctl-default.yaml");
  CHECK(r.files[0].mode == 0600);
}

TEST_CASE("netplan: rendering is deterministic") {
  CHECK(MustRender(testnet::Routed()).files[0].content ==
        MustRender(testnet::Routed()).files[0].content);
}

TEST_CASE("netplan: isolated network") {
  Rendering r = MustRender(testnet::Isolated());
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].path == "/etc/netplan/90-vnetctl-isolated.yaml");
  CHECK(r.files[0].content == Header("isolated", "virbr2") +
                                  "      addresses:\n"
                                  "        - \"192.168.152.1/24\"\n"
                                  "      macaddress: \"52:54:00:17:3f:37\"\n"
                                  "      link-local: []\n"
                                  "      accept-ra: false\n"
                                  "      optional: true\n"
                                  "      parameters:\n"
                                  "        stp: true\n"
                                  "        forward-delay: 2\n");
}

TEST_CASE("netplan: routed network with STP off, delay 5 and static routes") {
  Rendering r = MustRender(testnet::Routed());
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].content == Header("routed", "virbr1") +
                                  "      addresses:\n"
                                  "        - \"192.168.122.1/24\"\n"
                                  "      macaddress: \"52:54:00:12:34:56\"\n"
                                  "      link-local: []\n"
                                  "      accept-ra: false\n"
                                  "      optional: true\n"
                                  "      routes:\n"
                                  "        - to: \"192.168.222.0/24\"\n"
                                  "          via: \"192.168.122.10\"\n"
                                  "          metric: 5\n"
                                  "        - to: \"10.20.0.0/16\"\n"
                                  "          via: \"192.168.122.11\"\n"
                                  "          metric: 1\n"
                                  "      parameters:\n"
                                  "        stp: false\n"
                                  "        forward-delay: 5\n");
  CHECK(r.warnings.empty());
}

TEST_CASE("netplan: open network") {
  Rendering r = MustRender(testnet::Open());
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].content == Header("open", "virbr3") +
                                  "      addresses:\n"
                                  "        - \"172.16.3.1/24\"\n"
                                  "      macaddress: \"52:54:00:00:00:03\"\n"
                                  "      link-local: []\n"
                                  "      accept-ra: false\n"
                                  "      optional: true\n"
                                  "      parameters:\n"
                                  "        stp: true\n"
                                  "        forward-delay: 2\n");
}

TEST_CASE("netplan: IPv6 dual stack keeps IPv6 link-local, never accepts RAs") {
  Rendering r = MustRender(testnet::DualStack());
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].content == Header("dual", "virbr7") +
                                  "      addresses:\n"
                                  "        - \"192.168.107.1/24\"\n"
                                  "        - \"fd00:107::1/64\"\n"
                                  "      macaddress: \"52:54:00:00:00:07\"\n"
                                  "      link-local:\n"
                                  "        - ipv6\n"
                                  "      accept-ra: false\n"
                                  "      optional: true\n"
                                  "      routes:\n"
                                  "        - to: \"fd00:200::/48\"\n"
                                  "          via: \"fd00:107::2\"\n"
                                  "          metric: 1\n"
                                  "      parameters:\n"
                                  "        stp: true\n"
                                  "        forward-delay: 2\n");
}

TEST_CASE("netplan: MTU 9000") {
  Rendering r = MustRender(testnet::Jumbo());
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].content == Header("jumbo", "virbr9") +
                                  "      addresses:\n"
                                  "        - \"192.168.109.1/24\"\n"
                                  "      macaddress: \"52:54:00:00:00:09\"\n"
                                  "      mtu: 9000\n"
                                  "      link-local: []\n"
                                  "      accept-ra: false\n"
                                  "      optional: true\n"
                                  "      parameters:\n"
                                  "        stp: true\n"
                                  "        forward-delay: 2\n");
}

TEST_CASE("netplan: a network without <mac> or <ip>") {
  Network n = testnet::Base("bare", "virbr4", std::nullopt);
  n.bridge->stp = false;
  Rendering r = MustRender(n);
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].content == Header("bare", "virbr4") +
                                  "      link-local: []\n"
                                  "      accept-ra: false\n"
                                  "      optional: true\n"
                                  "      parameters:\n"
                                  "        stp: false\n"
                                  "        forward-delay: 0\n");
}

TEST_CASE("netplan: forward mode='bridge' onto br0 renders no files") {
  Rendering r = MustRender(testnet::HostBridge());
  CHECK(r.files.empty());
  CHECK(r.warnings.empty());
}

TEST_CASE("netplan: VLAN filtering cannot be expressed") {
  Network n = testnet::Isolated();
  n.bridge->mac_table_manager = MacTableManager::kLibvirt;
  Error e = MustFail(n);
  CHECK(e.kind == ErrorKind::kUnsupported);
  CHECK(e.message ==
        "<bridge macTableManager='libvirt'> is not supported by the netplan backend (netplan has "
        "no setting for bridge VLAN filtering; use the networkd backend)");
  CHECK(e.where.path == "/network/bridge");
  CHECK(e.where.line == 4);
}

TEST_CASE("netplan: unsupported modes and elements name the netplan backend") {
  Network vepa = testnet::Default();
  vepa.forward->mode = ForwardMode::kVepa;
  CHECK(MustFail(vepa).message ==
        "forward mode='vepa' is not supported by the netplan backend: it attaches guests through "
        "macvtap devices on a host interface, which vnetctl does not manage");
  Network bw = testnet::Default();
  bw.bandwidth = Bandwidth{};
  bw.bandwidth->loc = Loc(9, "/network/bandwidth");
  Error e = MustFail(bw);
  CHECK(e.message ==
        "<bandwidth> is not supported by the netplan backend (vnetctl does not implement tc "
        "traffic shaping; remove the element)");
  CHECK(e.where.path == "/network/bandwidth");
  Network pg = testnet::Default();
  pg.portgroups.push_back(Portgroup{});
  CHECK(MustFail(pg).message ==
        "<portgroup> is not supported by the netplan backend (portgroups configure guest ports, "
        "which vnetctl does not attach; remove the element)");
}

TEST_CASE("netplan: injection through names is refused") {
  Network n = testnet::Default();
  n.bridge->name = "virbr0\":\n  x";
  Error e = MustFail(n);
  CHECK(e.kind == ErrorKind::kInvalidInput);
  CHECK(e.where.path == "/network/bridge");
  Network m = testnet::Default();
  m.name = "x\nnetwork: {}";
  CHECK(MustFail(m).kind == ErrorKind::kInvalidInput);
}

TEST_CASE("netplan: the YAML writer quotes data and refuses line breaks") {
  YamlNode root = YamlNode::Mapping();
  root.Set("k", YamlNode::Quoted("a\"b\\c"));
  Result<std::string> ok = SerializeYaml(root, {});
  REQUIRE(ok.ok());
  CHECK(*ok == "k: \"a\\\"b\\\\c\"\n");

  for (const char* bad : {"a\nb", "a\rb", "a\tb",
                          "a\xc2\x85"
                          "b",
                          "a\xe2\x80\xa8"
                          "b"}) {
    CAPTURE(bad);
    YamlNode doc = YamlNode::Mapping();
    doc.Set("k", YamlNode::Quoted(bad));
    Result<std::string> out = SerializeYaml(doc, {});
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().kind == ErrorKind::kInvalidInput);
    CHECK(out.error().message ==
          "cannot write a netplan value: it contains a control or non-ASCII character");
  }
  YamlNode plain = YamlNode::Mapping();
  plain.Set("k", YamlNode::Plain("true # x"));
  CHECK(SerializeYaml(plain, {}).error().message ==
        "cannot write a netplan value: 'true # x' is not a plain YAML token");
  YamlNode key = YamlNode::Mapping();
  key.Set("a: b", YamlNode::Plain("1"));
  CHECK(SerializeYaml(key, {}).error().message ==
        "cannot write a netplan value: 'a: b' is not a plain YAML token");
  CHECK(SerializeYaml(YamlNode::Mapping(), {"x\ny"}).error().message ==
        "cannot write a netplan comment: it contains a control or non-ASCII character");
}

TEST_CASE("netplan: YAML block layout for nested collections") {
  YamlNode root = YamlNode::Mapping();
  YamlNode& seq = root.Set("s", YamlNode::Sequence());
  YamlNode& item = seq.Append(YamlNode::Mapping());
  item.Set("a", YamlNode::Plain("1"));
  item.Set("b", YamlNode::Sequence()).Append(YamlNode::Plain("x"));
  seq.Append(YamlNode::Mapping());
  root.Set("m", YamlNode::Mapping());
  root.Set("q", YamlNode::Mapping()).Set("id", YamlNode::Plain("2"), /*quote_key=*/true);
  Result<std::string> out = SerializeYaml(root, {"c"});
  REQUIRE(out.ok());
  CHECK(*out ==
        "# c\n"
        "s:\n"
        "  - a: 1\n"
        "    b:\n"
        "      - x\n"
        "  - {}\n"
        "m: {}\n"
        "q:\n"
        "  \"id\": 2\n");
}

TEST_CASE("netplan: the backend object renders the native file plus the companions") {
  NetplanBackend backend;
  CHECK(backend.Name() == "netplan");
  Result<Rendering> r = backend.Render(testnet::Default(), Netplan());
  REQUIRE(r.ok());
  std::vector<std::string> paths;
  for (const auto& f : r->files) paths.push_back(f.path);
  CHECK(paths == std::vector<std::string>{
                     "/etc/netplan/90-vnetctl-default.yaml",
                     "/etc/systemd/system/sys-subsystem-net-devices-virbr0.device.wants/"
                     "vnetctl-default.service",
                     "/etc/systemd/system/vnetctl-default.service",
                     "/etc/vnetctl/dnsmasq/default.addnhosts",
                     "/etc/vnetctl/dnsmasq/default.conf",
                     "/etc/vnetctl/dnsmasq/default.hostsfile",
                     "/etc/vnetctl/nftables/default.nft",
                 });
}

}  // namespace
}  // namespace vnet
