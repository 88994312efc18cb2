#include <doctest/doctest.h>

#include "backends/networkd/ini.h"
#include "backends/networkd/keys.h"
#include "backends/networkd/networkd_backend.h"
#include "backends/networkd/render.h"
#include "networkd_test_networks.h"

namespace vnet {
namespace {

using testnet::Loc;

Caps Systemd(int major, Placement placement = Placement::kPersistent) {
  Caps caps;
  caps.placement = placement;
  caps.manager = Version{major, 0, 0};
  return caps;
}

Rendering MustRender(const Network& net, const Caps& caps = Systemd(252)) {
  Result<Rendering> r = RenderNetworkdNative(net, caps);
  if (!r.ok()) FAIL("unexpected error: " << r.error().Format());
  return std::move(r).value();
}

Error MustFail(const Network& net, const Caps& caps = Systemd(252)) {
  Result<Rendering> r = RenderNetworkdNative(net, caps);
  if (r.ok()) FAIL("expected an error, got " << r->files.size() << " files");
  return r.error();
}

void CheckFile(const RenderedFile& f, const std::string& path, const std::string& content) {
  CHECK(f.path == path);
  CHECK(f.mode == 0644);
  CHECK(f.content == content);
}

TEST_CASE("networkd: libvirt's default network") {
  Rendering r = MustRender(testnet::Default());
  REQUIRE(r.files.size() == 2);
  CheckFile(r.files[0], "/etc/systemd/network/50-vnetctl-default.netdev",
            "# vnetctl network 'default': generated, do not edit\n"
            "\n"
            "[NetDev]\n"
            "Name=virbr0\n"
            "Kind=bridge\n"
            "MACAddress=52:54:00:0a:cd:21\n"
            "\n"
            "[Bridge]\n"
            "STP=yes\n"
            "ForwardDelaySec=2\n");
  CheckFile(r.files[1], "/etc/systemd/network/50-vnetctl-default.network",
            "# vnetctl network 'default': generated, do not edit\n"
            "\n"
            "[Match]\n"
            "Name=virbr0\n"
            "\n"
            "[Link]\n"
            "RequiredForOnline=no\n"
            "\n"
            "[Network]\n"
            "Address=192.168.122.1/24\n"
            "ConfigureWithoutCarrier=yes\n"
            "IgnoreCarrierLoss=yes\n"
            "LinkLocalAddressing=no\n"
            "IPv6AcceptRA=no\n");
  CHECK(r.warnings.empty());  // the 2 s is the kernel's, as under libvirt: doctor notes it
}

TEST_CASE("networkd: runtime placement goes to /run/systemd/network") {
  Rendering r = MustRender(testnet::Default(), Systemd(252, Placement::kRuntime));
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[0].path == "/run/systemd/network/50-vnetctl-default.netdev");
  CHECK(r.files[1].path == "/run/systemd/network/50-vnetctl-default.network");
}

TEST_CASE("networkd: rendering is deterministic") {
  Rendering a = MustRender(testnet::DualStack());
  Rendering b = MustRender(testnet::DualStack());
  REQUIRE(a.files.size() == b.files.size());
  for (size_t i = 0; i < a.files.size(); ++i) CHECK(a.files[i].content == b.files[i].content);
}

TEST_CASE("networkd: isolated network is the same bridge without forwarding") {
  Rendering r = MustRender(testnet::Isolated());
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[0].path == "/etc/systemd/network/50-vnetctl-isolated.netdev");
  CHECK(r.files[0].content ==
        "# vnetctl network 'isolated': generated, do not edit\n\n"
        "[NetDev]\nName=virbr2\nKind=bridge\nMACAddress=52:54:00:17:3f:37\n\n"
        "[Bridge]\nSTP=yes\nForwardDelaySec=2\n");
  CHECK(r.files[1].content ==
        "# vnetctl network 'isolated': generated, do not edit\n\n"
        "[Match]\nName=virbr2\n\n"
        "[Link]\nRequiredForOnline=no\n\n"
        "[Network]\nAddress=192.168.152.1/24\nConfigureWithoutCarrier=yes\n"
        "IgnoreCarrierLoss=yes\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n");
}

TEST_CASE("networkd: routed network with STP off, delay 5 and static routes") {
  Rendering r = MustRender(testnet::Routed());
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[0].content ==
        "# vnetctl network 'routed': generated, do not edit\n\n"
        "[NetDev]\nName=virbr1\nKind=bridge\nMACAddress=52:54:00:12:34:56\n\n"
        "[Bridge]\nSTP=no\nForwardDelaySec=5\n");
  // The route without a metric gets libvirt's 1 (virNetDevIPRouteGetMetric).
  CHECK(r.files[1].content ==
        "# vnetctl network 'routed': generated, do not edit\n\n"
        "[Match]\nName=virbr1\n\n"
        "[Link]\nRequiredForOnline=no\n\n"
        "[Network]\nAddress=192.168.122.1/24\nConfigureWithoutCarrier=yes\n"
        "IgnoreCarrierLoss=yes\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n\n"
        "[Route]\nDestination=192.168.222.0/24\nGateway=192.168.122.10\nMetric=5\n\n"
        "[Route]\nDestination=10.20.0.0/16\nGateway=192.168.122.11\nMetric=1\n");
  CHECK(r.warnings.empty());
}

TEST_CASE("networkd: open network") {
  Rendering r = MustRender(testnet::Open());
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[0].content ==
        "# vnetctl network 'open': generated, do not edit\n\n"
        "[NetDev]\nName=virbr3\nKind=bridge\nMACAddress=52:54:00:00:00:03\n\n"
        "[Bridge]\nSTP=yes\nForwardDelaySec=2\n");
  CHECK(r.files[1].content ==
        "# vnetctl network 'open': generated, do not edit\n\n"
        "[Match]\nName=virbr3\n\n"
        "[Link]\nRequiredForOnline=no\n\n"
        "[Network]\nAddress=172.16.3.1/24\nConfigureWithoutCarrier=yes\n"
        "IgnoreCarrierLoss=yes\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n");
  // No <bridge stp delay>: libvirt's defaults (on, 0) are raised to 2 s too, silently.
  CHECK(r.warnings.empty());
}

TEST_CASE("networkd: IPv6 dual stack: link-local kept, no RAs, no DAD on the portless bridge") {
  Rendering r = MustRender(testnet::DualStack());
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[1].content ==
        "# vnetctl network 'dual': generated, do not edit\n\n"
        "[Match]\nName=virbr7\n\n"
        "[Link]\nRequiredForOnline=no\n\n"
        "[Network]\nAddress=192.168.107.1/24\n"
        "ConfigureWithoutCarrier=yes\nIgnoreCarrierLoss=yes\nLinkLocalAddressing=ipv6\n"
        "IPv6AcceptRA=no\n\n"
        "[Address]\nAddress=fd00:107::1/64\nDuplicateAddressDetection=none\n\n"
        "[Route]\nDestination=fd00:200::/48\nGateway=fd00:107::2\nMetric=1\n");
}

TEST_CASE("networkd: MTU 9000 on the netdev and the link") {
  Rendering r = MustRender(testnet::Jumbo());
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[0].content ==
        "# vnetctl network 'jumbo': generated, do not edit\n\n"
        "[NetDev]\nName=virbr9\nKind=bridge\nMACAddress=52:54:00:00:00:09\nMTUBytes=9000\n\n"
        "[Bridge]\nSTP=yes\nForwardDelaySec=2\n");
  CHECK(r.files[1].content ==
        "# vnetctl network 'jumbo': generated, do not edit\n\n"
        "[Match]\nName=virbr9\n\n"
        "[Link]\nMTUBytes=9000\nRequiredForOnline=no\n\n"
        "[Network]\nAddress=192.168.109.1/24\nConfigureWithoutCarrier=yes\n"
        "IgnoreCarrierLoss=yes\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n");
}

TEST_CASE("networkd: macTableManager='libvirt' turns on VLAN filtering") {
  Network n = testnet::Isolated();
  n.bridge->mac_table_manager = MacTableManager::kLibvirt;
  Rendering r = MustRender(n);
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[0].content ==
        "# vnetctl network 'isolated': generated, do not edit\n\n"
        "[NetDev]\nName=virbr2\nKind=bridge\nMACAddress=52:54:00:17:3f:37\n\n"
        "[Bridge]\nSTP=yes\nForwardDelaySec=2\nVLANFiltering=yes\n");
}

TEST_CASE("networkd: a network without <mac> or <ip> still gets its bridge") {
  Network n = testnet::Base("bare", "virbr4", std::nullopt);
  n.bridge->stp = false;
  Rendering r = MustRender(n);
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[0].content ==
        "# vnetctl network 'bare': generated, do not edit\n\n"
        "[NetDev]\nName=virbr4\nKind=bridge\n\n"
        "[Bridge]\nSTP=no\nForwardDelaySec=0\n");
  CHECK(r.files[1].content ==
        "# vnetctl network 'bare': generated, do not edit\n\n"
        "[Match]\nName=virbr4\n\n"
        "[Link]\nRequiredForOnline=no\n\n"
        "[Network]\nConfigureWithoutCarrier=yes\nIgnoreCarrierLoss=yes\n"
        "LinkLocalAddressing=no\nIPv6AcceptRA=no\n");
  CHECK(r.warnings.empty());
}

TEST_CASE("networkd: forward mode='bridge' onto br0 renders no files") {
  Rendering r = MustRender(testnet::HostBridge());
  CHECK(r.files.empty());
  CHECK(r.warnings.empty());
}

TEST_CASE("networkd: companion elements are not errors") {
  Network n = testnet::Default();
  n.ips[0].dhcp->hosts.push_back(DhcpHost{});
  n.ips[0].tftp_root = "/srv/tftp";
  n.domain = Domain{"example.test", true, {}};
  n.dns = Dns{};
  n.dns->enable = true;
  n.dnsmasq_options.push_back("log-queries");
  n.forward->nat = ForwardNat{};
  n.forward->nat->port = NatPortRange{1024, 65535, {}};
  CHECK(MustRender(n).files.size() == 2);
}

// --- systemd versions -------------------------------------------------------

TEST_CASE("networkd: systemd 235 gets neither RequiredForOnline= nor IgnoreCarrierLoss=") {
  Rendering r = MustRender(testnet::Default(), Systemd(235));
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[1].content ==
        "# vnetctl network 'default': generated, do not edit\n\n"
        "[Match]\nName=virbr0\n\n"
        "[Network]\nAddress=192.168.122.1/24\nConfigureWithoutCarrier=yes\n"
        "LinkLocalAddressing=no\nIPv6AcceptRA=no\n");
}

TEST_CASE("networkd: systemd 240 has RequiredForOnline= but not IgnoreCarrierLoss=") {
  Rendering r = MustRender(testnet::Default(), Systemd(240));
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[1].content.find("RequiredForOnline=no\n") != std::string::npos);
  CHECK(r.files[1].content.find("IgnoreCarrierLoss") == std::string::npos);
}

TEST_CASE("networkd: no known version writes every key") {
  Caps caps;
  Rendering r = MustRender(testnet::Default(), caps);
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[1].content.find("IgnoreCarrierLoss=yes\n") != std::string::npos);
}

TEST_CASE("networkd: a key the network needs but systemd lacks is unsupported") {
  Error e = MustFail(testnet::Default(), Systemd(231));
  CHECK(e.kind == ErrorKind::kUnsupported);
  CHECK(e.message ==
        "<bridge stp='on'> is not supported by the networkd backend (systemd 231 lacks [Bridge] "
        "STP=, added in systemd 232)");
  CHECK(e.where.path == "/network/bridge");
  CHECK(e.where.line == 4);

  Error e3 = MustFail(testnet::Default(), Systemd(234));
  CHECK(e3.message ==
        "<bridge> is not supported by the networkd backend (systemd 234 lacks [Network] "
        "ConfigureWithoutCarrier=, added in systemd 235)");
}

TEST_CASE("networkd: every key written has a recorded systemd version") {
  CHECK(NetworkdKeySince("netdev", "Bridge", "STP") == 232);
  CHECK(NetworkdKeySince("netdev", "Bridge", "ForwardDelaySec") == 227);
  CHECK(NetworkdKeySince("network", "Network", "IgnoreCarrierLoss") == 242);
  CHECK_FALSE(NetworkdKeySince("network", "Network", "IPv4Forwarding"));
  IniSection s{"Network", {}};
  Status st = PutNetworkdKey("network", s, "IPForward", "yes", {}, std::nullopt);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().kind == ErrorKind::kSystem);
  CHECK(st.error().message ==
        "internal error: no systemd version recorded for [Network] IPForward=");
}

// --- unsupported ------------------------------------------------------------

struct UnsupportedCase {
  const char* what;
  void (*mutate)(Network&);
  const char* message;
  const char* path;
};

const UnsupportedCase kUnsupported[] = {
    {"private", [](Network& n) { n.forward->mode = ForwardMode::kPrivate; },
     "forward mode='private' is not supported by the networkd backend: it attaches guests through "
     "macvtap devices on a host interface, which vnetctl does not manage",
     "/network/forward"},
    {"vepa", [](Network& n) { n.forward->mode = ForwardMode::kVepa; },
     "forward mode='vepa' is not supported by the networkd backend: it attaches guests through "
     "macvtap devices on a host interface, which vnetctl does not manage",
     "/network/forward"},
    {"passthrough", [](Network& n) { n.forward->mode = ForwardMode::kPassthrough; },
     "forward mode='passthrough' is not supported by the networkd backend: it attaches guests "
     "through macvtap devices on a host interface, which vnetctl does not manage",
     "/network/forward"},
    {"hostdev", [](Network& n) { n.forward->mode = ForwardMode::kHostdev; },
     "forward mode='hostdev' is not supported by the networkd backend: it assigns SR-IOV PCI "
     "devices to guests, which vnetctl does not manage",
     "/network/forward"},
    {"bridge without name",
     [](Network& n) {
       n.forward->mode = ForwardMode::kBridge;
       n.bridge.reset();
     },
     "forward mode='bridge' is not supported by the networkd backend: without <bridge "
     "name='…'/> it attaches guests through macvtap devices on a host interface, which vnetctl "
     "does not manage",
     "/network/forward"},
    {"bridge with virtualport",
     [](Network& n) {
       n.forward->mode = ForwardMode::kBridge;
       n.virtualport = VirtualPort{};
       n.virtualport->type = "openvswitch";
     },
     "forward mode='bridge' is not supported by the networkd backend: a bridge with "
     "<virtualport> (Open vSwitch, 802.1Qbg/Qbh) is configured per guest port, which vnetctl "
     "does not manage",
     "/network/forward"},
    {"trustGuestRxFilters", [](Network& n) { n.trust_guest_rx_filters = true; },
     "trustGuestRxFilters='yes' is not supported by the networkd backend (it applies to guest "
     "interfaces, which vnetctl does not attach; remove the attribute)",
     "/network/@trustGuestRxFilters"},
    {"bandwidth",
     [](Network& n) {
       n.bandwidth = Bandwidth{};
       n.bandwidth->loc = Loc(9, "/network/bandwidth");
     },
     "<bandwidth> is not supported by the networkd backend (vnetctl does not implement tc "
     "traffic shaping; remove the element)",
     "/network/bandwidth"},
    {"vlan",
     [](Network& n) {
       n.vlan = Vlan{};
       n.vlan->loc = Loc(9, "/network/vlan");
     },
     "<vlan> is not supported by the networkd backend (VLAN tags apply to guest ports, which "
     "vnetctl does not attach; remove the element)",
     "/network/vlan"},
    {"port isolated", [](Network& n) { n.port_isolated = true; },
     "<port isolated='yes'> is not supported by the networkd backend (port isolation applies to "
     "guest ports, which vnetctl does not attach; remove the element)",
     "/network/port"},
    {"virtualport",
     [](Network& n) {
       n.virtualport = VirtualPort{};
       n.virtualport->loc = Loc(9, "/network/virtualport");
     },
     "<virtualport> is not supported by the networkd backend (port profiles apply to guest "
     "ports, which vnetctl does not attach; remove the element)",
     "/network/virtualport"},
    {"portgroup",
     [](Network& n) {
       n.portgroups.push_back(Portgroup{});
       n.portgroups.back().name = "engineering";
       n.portgroups.back().loc = Loc(9, "/network/portgroup[1]");
     },
     "<portgroup> is not supported by the networkd backend (portgroups configure guest ports, "
     "which vnetctl does not attach; remove the element)",
     "/network/portgroup[1]"},
};

TEST_CASE("networkd: every unsupported mode and element is an exact error") {
  for (const UnsupportedCase& c : kUnsupported) {
    CAPTURE(c.what);
    Network n = testnet::Default();
    c.mutate(n);
    Error e = MustFail(n);
    CHECK(e.kind == ErrorKind::kUnsupported);
    CHECK(e.message == c.message);
    CHECK(e.where.path == c.path);
  }
}

TEST_CASE("networkd: guest-port settings on a host bridge are unsupported too") {
  Network n = testnet::HostBridge();
  n.bridge->mac_table_manager = MacTableManager::kLibvirt;
  CHECK(MustFail(n).message ==
        "<bridge macTableManager='libvirt'> is not supported by the networkd backend (on a host "
        "bridge it manages the forwarding entries of guest ports, which vnetctl does not attach; "
        "remove the attribute)");
  Network m = testnet::HostBridge();
  m.mtu = 9000;
  Error e = MustFail(m);
  CHECK(e.message ==
        "<mtu> with forward mode='bridge' is not supported by the networkd backend (it sets the "
        "MTU of guest ports, which vnetctl does not attach; set the MTU on the host bridge itself "
        "and remove the element)");
  CHECK(e.where.path == "/network/mtu");
}

// --- injection ----------------------------------------------------------------

constexpr const char* kBadBridgeName =
    "network 'default': <bridge name> must be a Linux interface name of 1 to 15 characters "
    "without '/', ':', '%', quotes, backslashes, glob characters (*?[]!), whitespace, control or "
    "non-ASCII characters "
    "(define the network first to resolve a virbr%d template)";

TEST_CASE("networkd: bridge names that could inject or match other links are refused") {
  for (const char* name : {"virbr0\nKind=dummy", "virbr0 eth0", "virbr*", "!virbr0", "br/0",
                           "virbr%d", "", "averyveryverylongname", "vir\"br0", "vir\\br0"}) {
    CAPTURE(name);
    Network n = testnet::Default();
    n.bridge->name = name;
    Error e = MustFail(n);
    CHECK(e.kind == ErrorKind::kInvalidInput);
    CHECK(e.message == kBadBridgeName);
    CHECK(e.where.path == "/network/bridge");
  }
}

TEST_CASE("networkd: network names that cannot name a file are refused") {
  for (const char* name : {"a/b", "..", "x\ny", "with space", ""}) {
    CAPTURE(name);
    Network n = testnet::Default();
    n.name = name;
    Error e = MustFail(n);
    CHECK(e.kind == ErrorKind::kInvalidInput);
    CHECK(e.message ==
          "the network name cannot be used in a file name (it is empty, '.' or '..', or contains "
          "'/', whitespace, a control or a non-ASCII character)");
    CHECK(e.where.path == "/network/name");
  }
}

TEST_CASE("networkd: the INI writer refuses values that break out of their line") {
  struct Case {
    const char* value;
    const char* problem;
  };
  for (const Case& c :
       {Case{"a\nKind=dummy", "a newline or control character"},
        Case{"a\rb", "a newline or control character"},
        Case{"a\tb", "a newline or control character"}, Case{"a b", "whitespace"},
        Case{"a\\", "a quote or backslash"}, Case{"\"a\"", "a quote or backslash"}}) {
    CAPTURE(c.value);
    IniFile f;
    f.AddSection("Match").Put("Name", c.value, Loc(4, "/network/bridge"));
    Result<std::string> out = SerializeIni(f);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().kind == ErrorKind::kInvalidInput);
    CHECK(out.error().message ==
          std::string("cannot write [Match] Name= for systemd-networkd: the value contains ") +
              c.problem);
    CHECK(out.error().where.line == 4);
  }
  IniFile bad_key;
  bad_key.AddSection("Match").Put("Na=me", "x");
  CHECK(SerializeIni(bad_key).error().message == "invalid INI key name 'Na=me'");
  IniFile bad_section;
  bad_section.AddSection("Match]\n[Network");
  bad_section.sections[0].Put("Name", "x");
  CHECK(SerializeIni(bad_section).error().message == "invalid INI section name 'Match]\n[Network'");
  IniFile comment;
  comment.header_comments.push_back("x\n[NetDev]");
  CHECK(SerializeIni(comment).error().message ==
        "cannot write a comment for systemd-networkd: it contains a newline or control character");
}

TEST_CASE("networkd: the backend object renders the native files plus the companions") {
  NetworkdBackend backend;
  CHECK(backend.Name() == "networkd");
  Result<Rendering> r = backend.Render(testnet::Default(), Systemd(252));
  REQUIRE(r.ok());
  std::vector<std::string> paths;
  for (const auto& f : r->files) paths.push_back(f.path);
  CHECK(paths == std::vector<std::string>{
                     "/etc/systemd/network/50-vnetctl-default.netdev",
                     "/etc/systemd/network/50-vnetctl-default.network",
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
