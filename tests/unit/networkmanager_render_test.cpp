// The NetworkManager backend's native keyfile: exact content for each kind of
// network, exact errors, and libnm's own verdict on every rendered file
// (`nmcli --offline connection modify` must accept it and give it back
// byte for byte, because libnm silently drops unknown keys and out-of-range
// values).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "backends/networkmanager/keyfile.h"
#include "backends/networkmanager/networkmanager_backend.h"
#include "backends/networkmanager/render.h"
#include "backends/networkmanager/sha1.h"
#include "backends/networkmanager/uuid5.h"
#include "core/validate/validate.h"
#include "core/xml/parse.h"

extern char** environ;

namespace vnet {
namespace {

// --- building networks -----------------------------------------------------

SourceLoc Loc(int line, std::string path) { return SourceLoc{"net.xml", line, std::move(path)}; }

IpAddr Addr(const char* text) { return *IpAddr::Parse(text); }

Ip MakeIp(const char* address, uint32_t prefix, int index) {
  Ip ip;
  ip.address = Addr(address);
  ip.prefix = prefix;
  ip.loc = Loc(10 + index, "/network/ip[" + std::to_string(index) + "]");
  return ip;
}

Network MakeNetwork(std::string name, std::optional<ForwardMode> mode, std::string bridge) {
  Network net;
  net.name = std::move(name);
  net.loc = Loc(1, "/network");
  if (mode) {
    net.forward = Forward{};
    net.forward->mode = *mode;
    net.forward->mode_explicit = true;
    net.forward->loc = Loc(4, "/network/forward");
  }
  net.bridge = Bridge{};
  net.bridge->name = std::move(bridge);
  net.bridge->stp = true;
  net.bridge->delay = 0;
  net.bridge->loc = Loc(5, "/network/bridge");
  return net;
}

// libvirt's stock default network, as `virsh net-dumpxml default` shows it.
Network DefaultNetwork() {
  Network net = MakeNetwork("default", ForwardMode::kNat, "virbr0");
  net.uuid = Uuid::Parse("9a05da11-e96b-47f3-8253-a3a482e445f5");
  net.mac = MacAddr::Parse("52:54:00:0a:cd:21");
  Ip ip = MakeIp("192.168.122.1", 0, 1);
  ip.prefix.reset();
  ip.netmask = Addr("255.255.255.0");
  ip.dhcp = Dhcp{};
  ip.dhcp->ranges.push_back(DhcpRange{Addr("192.168.122.2"), Addr("192.168.122.254"), {}, {}});
  net.ips.push_back(ip);
  return net;
}

// --- running nmcli -----------------------------------------------------------

std::string TempPath(const char* tag) {
  std::string path = "/tmp/vnet-nm-test-" + std::to_string(getpid()) + "-" + tag;
  return path;
}

// `nmcli --offline connection modify < keyfile`: exit status and stdout.
std::pair<int, std::string> RunNmcliOffline(const std::string& keyfile) {
  std::string in = TempPath("in"), out = TempPath("out");
  std::ofstream(in) << keyfile;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const char* argv[] = {"nmcli", "--offline", "connection", "modify", nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "nmcli", &actions, nullptr, const_cast<char**>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    std::remove(in.c_str());
    std::remove(out.c_str());
  }
  REQUIRE_MESSAGE(
      rc == 0, ("cannot run nmcli (is network-manager installed?): errno " + std::to_string(rc)));
  int status = 0;
  waitpid(pid, &status, 0);
  std::stringstream text;
  text << std::ifstream(out).rdbuf();
  std::remove(in.c_str());
  std::remove(out.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

void CheckLibnmAgrees(const std::string& keyfile) {
  auto [status, normalized] = RunNmcliOffline(keyfile);
  CHECK_MESSAGE(status == 0, ("nmcli --offline rejected:\n" + keyfile));
  CHECK(normalized == keyfile);
}

// Renders `net`, expects exactly one keyfile at `path` with `content`, and has
// libnm check it.
void CheckRenders(const Network& net, const Caps& caps, const std::string& path,
                  const std::string& content) {
  Result<Rendering> r = RenderNetworkManagerNative(net, caps);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
  REQUIRE(r->files.size() == 1);
  CHECK(r->files[0].path == path);
  CHECK(r->files[0].mode == 0600);
  CHECK(r->files[0].content == content);
  CheckLibnmAgrees(r->files[0].content);
}

Error RenderError(const Network& net, const Caps& caps = {}) {
  Result<Rendering> r = RenderNetworkManagerNative(net, caps);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

const char kEtc[] = "/etc/NetworkManager/system-connections/";

const char kDefaultKeyfile[] = R"([connection]
id=vnetctl-default
uuid=2a1617f7-4674-5e3e-afa8-142cac1e2ff8
type=bridge
interface-name=virbr0

[ethernet]

[bridge]
forward-delay=2
mac-address=52:54:00:0A:CD:21

[ipv4]
address1=192.168.122.1/24
method=manual
never-default=true

[ipv6]
method=disabled

[proxy]
)";

// --- the networks --------------------------------------------------------------

TEST_CASE("networkmanager: libvirt's default network") {
  Result<Rendering> r = RenderNetworkManagerNative(DefaultNetwork(), Caps{});
  REQUIRE(r.ok());
  REQUIRE(r->files.size() == 1);
  CHECK(r->files[0].path == std::string(kEtc) + "vnetctl-default.nmconnection");
  CHECK(r->files[0].mode == 0600);
  CHECK(r->files[0].content == kDefaultKeyfile);
  CHECK(r->warnings.empty());  // the 2 s is the kernel's, as under libvirt: doctor notes it
  CheckLibnmAgrees(r->files[0].content);
}

TEST_CASE(
    "networkmanager: STP off with delay 1, which libnm would not take, leaves the delay out") {
  Network net = DefaultNetwork();
  net.bridge->stp = false;
  net.bridge->delay = 1;  // the kernel forwards at once with STP off, whatever the delay
  Result<Rendering> r = RenderNetworkManagerNative(net, Caps{});
  REQUIRE_MESSAGE(r.ok(), r.error().Format());
  const std::string& kf = r->files[0].content;
  CHECK(kf.find("stp=false") != std::string::npos);
  CHECK(kf.find("forward-delay") == std::string::npos);
  CHECK(r->warnings.empty());
  CheckLibnmAgrees(kf);
}

TEST_CASE("networkmanager: the fixture of tests/native matches the renderer") {
  std::ifstream script(std::string(VNET_SOURCE_DIR) + "/tests/native/networkmanager_fixture.sh");
  REQUIRE_MESSAGE(script.good(), "tests/native/networkmanager_fixture.sh is missing");
  std::stringstream text;
  text << script.rdbuf();
  CHECK(text.str().find(std::string("<<'KEYFILE'\n") + kDefaultKeyfile + "KEYFILE\n") !=
        std::string::npos);
}

TEST_CASE("networkmanager: runtime placement only moves the file to /run") {
  Caps caps;
  caps.placement = Placement::kRuntime;
  CheckRenders(DefaultNetwork(), caps,
               "/run/NetworkManager/system-connections/vnetctl-default.nmconnection",
               kDefaultKeyfile);
}

TEST_CASE("networkmanager: the other placement's path is where NetworkManager saves a copy") {
  for (Placement pl : {Placement::kRuntime, Placement::kPersistent}) {
    Caps caps;
    caps.placement = pl;
    auto r = RenderNetworkManagerNative(DefaultNetwork(), caps);
    REQUIRE(r.ok());
    REQUIRE(r->files.size() == 1);
    CHECK(r->manager_copies ==
          std::vector<std::string>{NetworkManagerKeyfilePath("default", OtherPlacement(pl))});
    CHECK(r->manager_copies[0] != r->files[0].path);
  }
}

TEST_CASE("networkmanager: same network, same bytes") {
  auto a = RenderNetworkManagerNative(DefaultNetwork(), Caps{});
  auto b = RenderNetworkManagerNative(DefaultNetwork(), Caps{});
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->files[0].content == b->files[0].content);
}

TEST_CASE("networkmanager: isolated network without <uuid> or <mac>") {
  Network net = MakeNetwork("isolated", std::nullopt, "virbr1");
  net.ips.push_back(MakeIp("192.168.100.1", 24, 1));
  CheckRenders(net, Caps{}, std::string(kEtc) + "vnetctl-isolated.nmconnection",
               R"([connection]
id=vnetctl-isolated
uuid=28947362-1f35-5090-9ce2-e3944d88f61c
type=bridge
interface-name=virbr1

[ethernet]

[bridge]
forward-delay=2

[ipv4]
address1=192.168.100.1/24
method=manual
never-default=true

[ipv6]
method=disabled

[proxy]
)");
}

TEST_CASE("networkmanager: routed network with <route>s of both families") {
  Network net = MakeNetwork("routed", ForwardMode::kRoute, "virbr2");
  net.ips.push_back(MakeIp("192.168.150.1", 24, 1));
  net.ips.push_back(MakeIp("2001:db8:ca2:2::1", 64, 2));
  Route r4;
  r4.address = Addr("10.20.0.0");
  r4.netmask = Addr("255.255.0.0");
  r4.gateway = Addr("192.168.150.2");
  Route r6;
  r6.address = Addr("2001:db8:ca2:3::");
  r6.prefix = 64;
  r6.gateway = Addr("2001:db8:ca2:2::2");
  r6.metric = 20;
  net.routes = {r4, r6};
  CheckRenders(net, Caps{}, std::string(kEtc) + "vnetctl-routed.nmconnection",
               R"([connection]
id=vnetctl-routed
uuid=d078d82c-186d-57f2-8a1c-586da6a25bea
type=bridge
interface-name=virbr2

[ethernet]

[bridge]
forward-delay=2

[ipv4]
address1=192.168.150.1/24
method=manual
never-default=true
route1=10.20.0.0/16,192.168.150.2,1

[ipv6]
addr-gen-mode=eui64
address1=2001:db8:ca2:2::1/64
method=manual
never-default=true
route1=2001:db8:ca2:3::/64,2001:db8:ca2:2::2,20

[proxy]
)");
}

TEST_CASE("networkmanager: open network") {
  Network net = MakeNetwork("open", ForwardMode::kOpen, "virbr3");
  net.ips.push_back(MakeIp("192.168.160.1", 24, 1));
  CheckRenders(net, Caps{}, std::string(kEtc) + "vnetctl-open.nmconnection",
               R"([connection]
id=vnetctl-open
uuid=ebf0e230-ab29-5551-a713-40cbfa00b5d7
type=bridge
interface-name=virbr3

[ethernet]

[bridge]
forward-delay=2

[ipv4]
address1=192.168.160.1/24
method=manual
never-default=true

[ipv6]
method=disabled

[proxy]
)");
}

TEST_CASE("networkmanager: IPv6 dual stack with several addresses per family") {
  Network net = MakeNetwork("dual", ForwardMode::kNat, "virbr4");
  net.ips.push_back(MakeIp("192.168.170.1", 24, 1));
  net.ips.push_back(MakeIp("2001:db8:ac10:fe01::1", 64, 2));
  net.ips.push_back(MakeIp("10.24.10.1", 8, 3));
  net.ips.push_back(MakeIp("fd00:1::1", 48, 4));
  CheckRenders(net, Caps{}, std::string(kEtc) + "vnetctl-dual.nmconnection",
               R"([connection]
id=vnetctl-dual
uuid=ef392a2f-55dd-51cc-ba04-1195f24dad12
type=bridge
interface-name=virbr4

[ethernet]

[bridge]
forward-delay=2

[ipv4]
address1=192.168.170.1/24
address2=10.24.10.1/8
method=manual
never-default=true

[ipv6]
addr-gen-mode=eui64
address1=2001:db8:ac10:fe01::1/64
address2=fd00:1::1/48
method=manual
never-default=true

[proxy]
)");
}

TEST_CASE("networkmanager: IPv6-only network disables IPv4") {
  Network net = MakeNetwork("v6only", ForwardMode::kRoute, "virbr5");
  net.ips.push_back(MakeIp("2001:db8:5::1", 64, 1));
  CheckRenders(net, Caps{}, std::string(kEtc) + "vnetctl-v6only.nmconnection",
               R"([connection]
id=vnetctl-v6only
uuid=fc86cde0-2443-5fe1-aca8-6ab755aebf58
type=bridge
interface-name=virbr5

[ethernet]

[bridge]
forward-delay=2

[ipv4]
method=disabled

[ipv6]
addr-gen-mode=eui64
address1=2001:db8:5::1/64
method=manual
never-default=true

[proxy]
)");
}

TEST_CASE("networkmanager: MTU 9000 goes to the wired setting") {
  Network net = MakeNetwork("jumbo", ForwardMode::kNat, "virbr6");
  net.mtu = 9000;
  net.ips.push_back(MakeIp("192.168.180.1", 24, 1));
  CheckRenders(net, Caps{}, std::string(kEtc) + "vnetctl-jumbo.nmconnection",
               R"([connection]
id=vnetctl-jumbo
uuid=0b48405b-4c4b-5f4d-8d49-4cadc6807afa
type=bridge
interface-name=virbr6

[ethernet]
mtu=9000

[bridge]
forward-delay=2

[ipv4]
address1=192.168.180.1/24
method=manual
never-default=true

[ipv6]
method=disabled

[proxy]
)");
}

TEST_CASE("networkmanager: STP off with delay 5, no warning") {
  Network net = MakeNetwork("nostp", std::nullopt, "virbr7");
  net.bridge->stp = false;
  net.bridge->delay = 5;
  Result<Rendering> r = RenderNetworkManagerNative(net, Caps{});
  REQUIRE(r.ok());
  CHECK(r->warnings.empty());
  CheckRenders(net, Caps{}, std::string(kEtc) + "vnetctl-nostp.nmconnection",
               R"([connection]
id=vnetctl-nostp
uuid=b6698f70-6388-59e3-8489-161837e2392c
type=bridge
interface-name=virbr7

[ethernet]

[bridge]
forward-delay=5
stp=false

[ipv4]
method=disabled

[ipv6]
method=disabled

[proxy]
)");
}

TEST_CASE("networkmanager: STP on with delay 15 is NetworkManager's default") {
  Network net = MakeNetwork("nostp", std::nullopt, "virbr7");
  net.bridge->delay = 15;
  Result<Rendering> r = RenderNetworkManagerNative(net, Caps{});
  REQUIRE(r.ok());
  CHECK(r->warnings.empty());
  CHECK(r->files[0].content.find("[bridge]\n\n[ipv4]") != std::string::npos);
  CheckLibnmAgrees(r->files[0].content);
}

TEST_CASE("networkmanager: macTableManager='libvirt' and a firewalld zone") {
  Network net = MakeNetwork("vlanfilter", ForwardMode::kNat, "virbr8");
  net.bridge->mac_table_manager = MacTableManager::kLibvirt;
  net.bridge->zone = "trusted";
  net.ips.push_back(MakeIp("192.168.190.1", 24, 1));
  Caps caps;
  caps.manager = Version{1, 42, 4};
  CheckRenders(net, caps, std::string(kEtc) + "vnetctl-vlanfilter.nmconnection",
               R"([connection]
id=vnetctl-vlanfilter
uuid=d88e8fb6-72c5-5795-9080-2be52b8e3909
type=bridge
interface-name=virbr8
zone=trusted

[ethernet]

[bridge]
forward-delay=2
vlan-filtering=true

[ipv4]
address1=192.168.190.1/24
method=manual
never-default=true

[ipv6]
method=disabled

[proxy]
)");
}

TEST_CASE("networkmanager: forward mode='bridge' to br0 renders no file") {
  Network net = MakeNetwork("host-bridge", ForwardMode::kBridge, "br0");
  net.bridge->stp.reset();
  net.bridge->delay.reset();
  Result<Rendering> r = RenderNetworkManagerNative(net, Caps{});
  REQUIRE(r.ok());
  CHECK(r->files.empty());
  CHECK(r->warnings.empty());
}

TEST_CASE("networkmanager: the Backend subclass") {
  NetworkManagerBackend backend;
  CHECK(backend.Name() == "networkmanager");
  Result<Rendering> r = backend.Render(DefaultNetwork(), Caps{});
  REQUIRE(r.ok());
  CHECK(r->files.at(0).content == kDefaultKeyfile);
}

// --- real XML: the golden inputs and the examples ---------------------------------

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), ("cannot read " + path.string()));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Network ParseValid(const std::filesystem::path& path) {
  Result<Network> net = xml::ParseNetwork(ReadFile(path), path.string());
  REQUIRE_MESSAGE(net.ok(), (net.ok() ? std::string() : net.error().Format()));
  std::vector<Error> errors = ValidateNetwork(*net);
  REQUIRE_MESSAGE(errors.empty(), (errors.empty() ? std::string() : errors[0].Format()));
  return *net;
}

std::vector<std::filesystem::path> RealInputs() {
  std::vector<std::filesystem::path> out;
  std::filesystem::path src(VNET_SOURCE_DIR);
  for (const auto& entry : std::filesystem::directory_iterator(src / "tests/golden")) {
    out.push_back(entry.path() / "input.xml");
  }
  for (const auto& entry : std::filesystem::directory_iterator(src / "examples")) {
    if (entry.path().extension() == ".xml") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("networkmanager: golden default input renders the fixture's keyfile") {
  Network net =
      ParseValid(std::filesystem::path(VNET_SOURCE_DIR) / "tests/golden/default/input.xml");
  Result<Rendering> r = RenderNetworkManagerNative(net, Caps{});
  REQUIRE(r.ok());
  REQUIRE(r->files.size() == 1);
  CHECK(r->files[0].content == kDefaultKeyfile);
}

TEST_CASE("networkmanager: every golden input and example renders, and libnm agrees") {
  std::vector<std::filesystem::path> inputs = RealInputs();
  REQUIRE(inputs.size() >= 10);
  for (const auto& path : inputs) {
    CAPTURE(path.string());
    Network net = ParseValid(path);
    Result<Rendering> r = RenderNetworkManagerNative(
        net, Caps{Placement::kPersistent, Version{1, 42, 4}, {}, {}, {}});
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    CHECK(r->files.size() == (net.Mode() == ForwardMode::kBridge ? 0u : 1u));
    for (const RenderedFile& file : r->files) CheckLibnmAgrees(file.content);
  }
}

// --- refusals ------------------------------------------------------------------

TEST_CASE("networkmanager: forward modes without a bridge of their own") {
  struct Case {
    ForwardMode mode;
    std::string message;
  };
  const std::string guests =
      "it attaches guests to a host interface through macvtap, and vnetctl attaches no guests";
  const Case cases[] = {
      {ForwardMode::kPrivate,
       "forward mode='private' is not supported by the networkmanager "
       "backend: " +
           guests},
      {ForwardMode::kVepa,
       "forward mode='vepa' is not supported by the networkmanager backend: " + guests},
      {ForwardMode::kPassthrough,
       "forward mode='passthrough' is not supported by the networkmanager backend: " + guests},
      {ForwardMode::kHostdev,
       "forward mode='hostdev' is not supported by the networkmanager backend: it passes host PCI "
       "devices through to guests, and vnetctl attaches no guests"},
  };
  for (const Case& c : cases) {
    Network net = MakeNetwork("direct", c.mode, "");
    net.bridge.reset();
    Error e = RenderError(net);
    CHECK(e.kind == ErrorKind::kUnsupported);
    CHECK(e.message == c.message);
    CHECK(e.where.path == "/network/forward");
    CHECK(e.where.line == 4);
  }
}

TEST_CASE("networkmanager: forward mode='bridge' without a bridge name (macvtap)") {
  Network net = MakeNetwork("macvtap", ForwardMode::kBridge, "");
  net.bridge.reset();
  Error e = RenderError(net);
  CHECK(e.kind == ErrorKind::kUnsupported);
  CHECK(e.message ==
        "forward mode='bridge' is not supported by the networkmanager backend: without <bridge "
        "name='…'/> it means macvtap attachment of guests to a host interface, and vnetctl "
        "attaches no guests");
  CHECK(e.where.path == "/network/forward");
}

TEST_CASE("networkmanager: forward mode='bridge' with <virtualport>") {
  Network net = MakeNetwork("ovs", ForwardMode::kBridge, "ovsbr0");
  net.virtualport = VirtualPort{};
  net.virtualport->type = "openvswitch";
  net.virtualport->loc = Loc(6, "/network/virtualport");
  Error e = RenderError(net);
  CHECK(e.kind == ErrorKind::kUnsupported);
  CHECK(e.message ==
        "forward mode='bridge' is not supported by the networkmanager backend: <virtualport> "
        "makes it an Open vSwitch or 802.1Qbx port, which guests join through libvirt, not "
        "through a NetworkManager profile");
  CHECK(e.where.path == "/network/forward");
}

TEST_CASE("networkmanager: every unsupported element names itself and its place") {
  const std::string guests =
      " is not supported by the networkmanager backend (it applies to guest interfaces, and "
      "vnetctl attaches no guests; remove it)";
  struct Case {
    const char* name;
    void (*mutate)(Network&);
    std::string message;
    std::string path;
  };
  const Case cases[] = {
      {"bandwidth",
       [](Network& n) {
         n.bandwidth = Bandwidth{};
         n.bandwidth->loc = Loc(7, "/network/bandwidth");
       },
       "<bandwidth> is not supported by the networkmanager backend (vnetctl does not implement tc "
       "traffic shaping; remove it)",
       "/network/bandwidth"},
      {"vlan",
       [](Network& n) {
         n.vlan = Vlan{};
         n.vlan->loc = Loc(7, "/network/vlan");
       },
       "<vlan>" + guests, "/network/vlan"},
      {"virtualport",
       [](Network& n) {
         n.virtualport = VirtualPort{};
         n.virtualport->loc = Loc(7, "/network/virtualport");
       },
       "<virtualport>" + guests, "/network/virtualport"},
      {"portgroup",
       [](Network& n) {
         Portgroup pg;
         pg.name = "engineering";
         pg.loc = Loc(7, "/network/portgroup[1]");
         n.portgroups.push_back(pg);
       },
       "<portgroup>" + guests, "/network/portgroup[1]"},
      {"port isolated", [](Network& n) { n.port_isolated = true; },
       "<port isolated='yes'/>" + guests, "/network/port/@isolated"},
      {"trustGuestRxFilters", [](Network& n) { n.trust_guest_rx_filters = true; },
       "trustGuestRxFilters='yes'" + guests, "/network/@trustGuestRxFilters"},
      {"delay above 30", [](Network& n) { n.bridge->delay = 45; },
       "<bridge delay='45'> is not supported by the networkmanager backend (NetworkManager "
       "accepts a forward delay of at most 30 s)",
       "/network/bridge"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Network net = DefaultNetwork();
    c.mutate(net);
    Error e = RenderError(net);
    CHECK(e.kind == ErrorKind::kUnsupported);
    CHECK(e.message == c.message);
    CHECK(e.where.path == c.path);
    CHECK(e.where.file == "net.xml");
  }
}

TEST_CASE("networkmanager: zone and isolated='no' / trustGuestRxFilters='no' are fine") {
  Network net = DefaultNetwork();
  net.port_isolated = false;
  net.trust_guest_rx_filters = false;
  CHECK(RenderNetworkManagerNative(net, Caps{}).ok());
}

TEST_CASE("networkmanager: macTableManager='libvirt' on an existing host bridge") {
  Network net = MakeNetwork("host-bridge", ForwardMode::kBridge, "br0");
  net.bridge->mac_table_manager = MacTableManager::kLibvirt;
  Error e = RenderError(net);
  CHECK(e.kind == ErrorKind::kUnsupported);
  CHECK(e.message ==
        "<bridge macTableManager='libvirt'/> with forward mode='bridge' is not supported by the "
        "networkmanager backend (vnetctl does not change a host bridge it does not own; enable "
        "vlan_filtering on br0 yourself)");
  CHECK(e.where.path == "/network/bridge");
}

TEST_CASE("networkmanager: properties newer than the NetworkManager in Caps") {
  Caps old;
  old.manager = Version{1, 16, 0};
  Network net = DefaultNetwork();
  net.bridge->mac_table_manager = MacTableManager::kLibvirt;
  Error e = RenderError(net, old);
  CHECK(e.kind == ErrorKind::kUnsupported);
  CHECK(e.message ==
        "<bridge macTableManager='libvirt'/> is not supported by the networkmanager backend on "
        "NetworkManager 1.16.0 (it needs bridge.vlan-filtering, new in NetworkManager 1.18.0)");
  CHECK(e.where.path == "/network/bridge");

  old.manager = Version{1, 18, 0};
  e = RenderError(DefaultNetwork(), old);
  CHECK(e.message ==
        "a network without an IPv6 <ip> is not supported by the networkmanager backend on "
        "NetworkManager 1.18.0 (it needs ipv6.method=disabled, new in NetworkManager 1.20.0)");
  CHECK(e.where.path == "/network");

  old.manager = Version{1, 20, 0};
  CHECK(RenderNetworkManagerNative(DefaultNetwork(), old).ok());
}

TEST_CASE("networkmanager: no bridge name") {
  Network net = DefaultNetwork();
  net.bridge->name.reset();
  Error e = RenderError(net);
  CHECK(e.kind == ErrorKind::kInvalidInput);
  CHECK(e.message == "network 'default' has no bridge name defined");
}

TEST_CASE("networkmanager: invalid prefixes use libvirt's messages") {
  Network net = DefaultNetwork();
  net.ips[0].netmask = Addr("255.0.255.0");
  Error e = RenderError(net);
  CHECK(e.kind == ErrorKind::kInvalidInput);
  CHECK(e.message == "bridge 'virbr0' has an invalid netmask or IP address");
  CHECK(e.where.path == "/network/ip[1]");

  net = DefaultNetwork();
  Route route;
  route.address = Addr("10.0.0.0");
  route.netmask = Addr("255.0.255.0");
  route.gateway = Addr("192.168.122.2");
  route.loc = Loc(20, "/network/route[1]");
  net.routes.push_back(route);
  e = RenderError(net);
  CHECK(e.message == "network 'default' has an invalid netmask or IP address in route definition");
  CHECK(e.where.path == "/network/route[1]");
}

// --- injection -------------------------------------------------------------------

TEST_CASE("networkmanager: values that would break out of their keyfile line") {
  struct Case {
    const char* name;
    void (*mutate)(Network&);
    std::string message;
  };
  const Case cases[] = {
      {"newline in zone", [](Network& n) { n.bridge->zone = "public\n[ipv4]\nmethod=shared"; },
       "cannot write NetworkManager keyfile: the value of [connection] zone is invalid: it "
       "contains a control character"},
      {"newline in bridge name", [](Network& n) { n.bridge->name = "virbr0\nzone=x"; },
       "cannot write NetworkManager keyfile: the value of [connection] interface-name is invalid: "
       "it contains a control character"},
      {"backslash escape in zone", [](Network& n) { n.bridge->zone = "a\\nb"; },
       "cannot write NetworkManager keyfile: the value of [connection] zone is invalid: it "
       "contains a backslash"},
      {"leading blank in zone", [](Network& n) { n.bridge->zone = " public"; },
       "cannot write NetworkManager keyfile: the value of [connection] zone is invalid: it "
       "begins or ends with a blank"},
      {"carriage return in name", [](Network& n) { n.name = "default\r"; },
       "network name cannot be used in a NetworkManager keyfile name: it is empty or contains "
       "'/' or a control character"},
      {"slash in name", [](Network& n) { n.name = "../../../etc/passwd"; },
       "network name cannot be used in a NetworkManager keyfile name: it is empty or contains "
       "'/' or a control character"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Network net = DefaultNetwork();
    c.mutate(net);
    Error e = RenderError(net);
    CHECK(e.kind == ErrorKind::kInvalidInput);
    CHECK(e.message == c.message);
    CHECK(e.where.path == "/network");
  }
}

TEST_CASE("networkmanager: keyfile writer refuses bad section and key names") {
  Keyfile bad_section;
  bad_section.Set("ipv4]\n[x", "method", "manual");
  REQUIRE_FALSE(bad_section.Serialize().ok());
  CHECK(bad_section.Serialize().error().message ==
        "cannot write NetworkManager keyfile: invalid section name");
  Keyfile bad_key;
  bad_key.Set("ipv4", "method=shared\nx", "manual");
  REQUIRE_FALSE(bad_key.Serialize().ok());
  CHECK(bad_key.Serialize().error().message ==
        "cannot write NetworkManager keyfile: invalid key name in [ipv4]");
  Keyfile good;
  good.Set("a", "k", "v");
  good.Section("b");
  good.Set("a", "k2", "id with; spaces # and = signs");
  CHECK(*good.Serialize() == "[a]\nk=v\nk2=id with; spaces # and = signs\n\n[b]\n");
}

// --- the uuid ------------------------------------------------------------------------

std::string Hex(const std::array<uint8_t, 20>& d) {
  static const char kDigits[] = "0123456789abcdef";
  std::string s;
  for (uint8_t b : d) {
    s += kDigits[b >> 4];
    s += kDigits[b & 15];
  }
  return s;
}

TEST_CASE("networkmanager: SHA-1 test vectors (FIPS 180-2 appendix A/B)") {
  CHECK(Hex(Sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(Hex(Sha1("")) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(Hex(Sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(Hex(Sha1(std::string(1000000, 'a'))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("networkmanager: UUIDv5 equals Python's uuid.uuid5") {
  Uuid dns = *Uuid::Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8");  // uuid.NAMESPACE_DNS
  CHECK(Uuid5(dns, "python.org").ToString() == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  CHECK(NetworkManagerConnectionUuid(DefaultNetwork()).ToString() ==
        "2a1617f7-4674-5e3e-afa8-142cac1e2ff8");
}

}  // namespace
}  // namespace vnet
