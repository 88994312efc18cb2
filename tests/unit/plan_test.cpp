// core/plan on libvirt's default network rendered for networkd, against
// hand-made host states: nothing there, exactly right, and each kind of drift.
#include "core/plan/plan.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "backends/registry.h"
#include "core/xml/parse.h"

namespace vnet::plan {
namespace {

constexpr const char* kDefault =
    "<network>\n"
    "  <name>default</name>\n"
    "  <uuid>9a05da11-e96b-47f3-8253-a3a482e445f5</uuid>\n"
    "  <forward mode='nat'/>\n"
    "  <bridge name='virbr0' stp='on' delay='0'/>\n"
    "  <mac address='52:54:00:0a:cd:21'/>\n"
    "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
    "    <dhcp>\n"
    "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
    "    </dhcp>\n"
    "  </ip>\n"
    "</network>\n";

Network Parse(const char* text) {
  auto net = xml::ParseNetwork(text, "default.xml");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  return std::move(net).value();
}

Desired Want(const Network& net, const char* backend = "networkd") {
  Caps caps;
  caps.placement = Placement::kRuntime;
  caps.manager = Version::Parse("252");
  auto d = Desire(net, *FindBackend(backend), caps);
  REQUIRE_MESSAGE(d.ok(), d.error().Format());
  return std::move(d).value();
}

// The host exactly as `want` describes it, with the status start would record.
std::pair<Observed, NetworkStatus> Matching(const Desired& want) {
  Observed o;
  for (const DesiredFile& f : want.files) {
    o.files[f.file.path] = live::FileState{true, false, f.file.content, "", f.file.mode};
  }
  live::Link br;
  br.name = want.bridge;
  br.kind = "bridge";
  br.admin_up = true;
  br.mtu = 1500;
  br.mac = want.mac;
  br.stp = want.stp;
  br.forward_delay_cs = want.forward_delay_cs;
  br.addresses = want.addresses;
  o.kernel.links.push_back(br);
  for (const std::string& k : want.sysctls) o.sysctls[k] = "1";
  o.nft_listing = "table inet vnetctl_default {\n\tchain postrouting {\n\t\tmasquerade\n\t}\n}\n";
  o.dnsmasq =
      live::Process{42, "/usr/sbin/dnsmasq", {"dnsmasq", "--conf-file=" + want.dnsmasq_conf}};
  o.dnsmasq_ports = want.dnsmasq_ports;
  NetworkStatus s;
  s.name = want.network;
  s.backend = want.backend;
  s.bridge = want.bridge;
  for (const DesiredFile& f : want.files) s.files.push_back(f.file.path);
  s.nft_table = want.nft_table;
  s.nft_listing = *o.nft_listing;
  s.dnsmasq = true;
  return {o, s};
}

bool HasStep(const Plan& p, Action a, Object o, const std::string& name_part) {
  return std::any_of(p.steps.begin(), p.steps.end(), [&](const Step& s) {
    return s.action == a && s.object == o && s.name.find(name_part) != std::string::npos;
  });
}

TEST_CASE("plan: desired state of the default network") {
  Desired d = Want(Parse(kDefault));
  CHECK(d.bridge == "virbr0");
  CHECK(d.mac->ToString() == "52:54:00:0a:cd:21");
  CHECK(d.stp);
  CHECK(d.forward_delay_cs == 200u);  // STP clamps 0 to 2 s
  REQUIRE(d.addresses.size() == 1);
  CHECK(d.addresses[0].ip.ToString() == "192.168.122.1");
  CHECK(d.addresses[0].prefix == 24);
  CHECK(d.nft_table == "vnetctl_default");
  CHECK(d.sysctls == std::vector<std::string>{"net/ipv4/ip_forward"});
  CHECK(d.dnsmasq);
  CHECK(d.dnsmasq_ports == std::vector<uint16_t>{67, 53});
  CHECK(std::any_of(d.files.begin(), d.files.end(), [](const DesiredFile& f) {
    return f.file.path == "/run/systemd/network/50-vnetctl-default.netdev" &&
           f.file.role == FileRole::kNative;
  }));
}

TEST_CASE("plan: each file's role is the one its renderer gave it") {
  std::map<std::string, FileRole> roles;
  for (const DesiredFile& f : Want(Parse(kDefault)).files) roles[f.file.path] = f.file.role;
  CHECK(roles.at("/run/vnetctl/dnsmasq/default.conf") == FileRole::kDnsmasqConf);
  CHECK(roles.at("/run/vnetctl/dnsmasq/default.hostsfile") == FileRole::kDnsmasqHosts);
  CHECK(roles.at("/run/vnetctl/dnsmasq/default.addnhosts") == FileRole::kDnsmasqHosts);
  CHECK(roles.at("/run/vnetctl/nftables/default.nft") == FileRole::kFirewall);
  CHECK(roles.at("/run/systemd/network/50-vnetctl-default.network") == FileRole::kNative);
}

TEST_CASE("plan: an empty host needs everything created") {
  Desired d = Want(Parse(kDefault));
  Plan p = PlanStart(d, nullptr, Observed{}, false);
  CHECK(HasStep(p, Action::kCreate, Object::kFile, "50-vnetctl-default.netdev"));
  CHECK(HasStep(p, Action::kCreate, Object::kLink, "virbr0"));
  CHECK(HasStep(p, Action::kCreate, Object::kAddress, "192.168.122.1/24 on virbr0"));
  CHECK(HasStep(p, Action::kCreate, Object::kNftTable, "inet vnetctl_default"));
  CHECK(HasStep(p, Action::kModify, Object::kSysctl, "net/ipv4/ip_forward"));
  CHECK(HasStep(p, Action::kCreate, Object::kDnsmasq, "default.pid"));
  CHECK(std::none_of(p.steps.begin(), p.steps.end(), [](const Step& s) { return s.disruptive; }));
}

TEST_CASE("plan: a matching host has nothing to do") {
  Desired d = Want(Parse(kDefault));
  auto [have, status] = Matching(d);
  Plan p = PlanStart(d, &status, have, false);
  CHECK_MESSAGE(p.Empty(), FormatPlan(p, false));
}

TEST_CASE("plan: drift is named precisely") {
  Desired d = Want(Parse(kDefault));
  auto [have, status] = Matching(d);

  SUBCASE("an address removed by hand") {
    have.kernel.links[0].addresses.clear();
    Plan p = PlanStart(d, &status, have, false);
    REQUIRE(p.steps.size() == 1);
    CHECK(HasStep(p, Action::kCreate, Object::kAddress, "192.168.122.1/24"));
    CHECK(p.KernelDiffers());
    CHECK_FALSE(p.steps[0].disruptive);
    // ifupdown can only re-apply by taking the bridge down.
    CHECK(PlanStart(d, &status, have, true).steps[0].disruptive);
  }
  SUBCASE("an extra address is removed, and that interrupts traffic") {
    have.kernel.links[0].addresses.push_back({*IpAddr::Parse("10.9.9.9"), 8});
    Plan p = PlanStart(d, &status, have, false);
    REQUIRE(p.steps.size() == 1);
    CHECK(HasStep(p, Action::kDelete, Object::kAddress, "10.9.9.9/8"));
    CHECK(p.steps[0].disruptive);
  }
  SUBCASE("an IPv6 link-local address is not drift") {
    have.kernel.links[0].addresses.push_back({*IpAddr::Parse("fe80::1"), 64});
    CHECK(PlanStart(d, &status, have, false).Empty());
  }
  SUBCASE("the NAT rule deleted by hand") {
    have.nft_listing = "table inet vnetctl_default {\n\tchain postrouting {\n\t}\n}\n";
    Plan p = PlanStart(d, &status, have, false);
    REQUIRE(p.steps.size() == 1);
    CHECK(p.steps[0].object == Object::kNftTable);
    CHECK(p.steps[0].why == "rule missing: masquerade");
  }
  SUBCASE("rule handles do not count") {
    have.nft_listing =
        "table inet vnetctl_default { # handle 7\n\tchain postrouting { # handle 1\n\t\tmasquerade "
        "# handle 4\n\t}\n}\n";
    status.nft_listing = *have.nft_listing;
    CHECK(PlanStart(d, &status, have, false).Empty());
  }
  SUBCASE("traffic counters do not count, a changed rule does") {
    status.nft_listing =
        "table inet vnetctl_default {\n\tchain postrouting {\n\t\tcounter packets 0 bytes 0 "
        "masquerade\n\t}\n}\n";
    have.nft_listing =
        "table inet vnetctl_default {\n\tchain postrouting {\n\t\tcounter packets 12 bytes 3456 "
        "masquerade\n\t}\n}\n";
    CHECK(PlanStart(d, &status, have, false).Empty());
    have.nft_listing =
        "table inet vnetctl_default {\n\tchain postrouting {\n\t\tcounter packets 12 bytes 3456 "
        "masquerade random\n\t}\n}\n";
    Plan p = PlanStart(d, &status, have, false);
    REQUIRE(p.steps.size() == 1);
    CHECK(p.steps[0].why == "rule missing: counter masquerade");
  }
  SUBCASE("the table is gone") {
    have.nft_listing.reset();
    CHECK(HasStep(PlanStart(d, &status, have, false), Action::kCreate, Object::kNftTable, ""));
  }
  SUBCASE("bridge attributes") {
    have.kernel.links[0].mtu = 9000;
    have.kernel.links[0].stp = false;
    have.kernel.links[0].mac = MacAddr::Parse("52:54:00:00:00:01");
    d.mtu = 1500;
    Plan p = PlanStart(d, &status, have, false);
    CHECK(p.steps.size() == 3);
    CHECK(std::any_of(p.steps.begin(), p.steps.end(), [](const Step& s) {
      return s.why == "MAC 52:54:00:00:00:01, wants 52:54:00:0a:cd:21" && s.disruptive;
    }));
  }
  SUBCASE("a device that is not a bridge") {
    have.kernel.links[0].kind = "dummy";
    Plan p = PlanStart(d, &status, have, false);
    REQUIRE(p.steps.size() == 1);
    CHECK(p.steps[0].why == "is a dummy, not a bridge");
  }
  SUBCASE("forwarding turned off") {
    have.sysctls["net/ipv4/ip_forward"] = "0";
    Plan p = PlanStart(d, &status, have, false);
    REQUIRE(p.steps.size() == 1);
    CHECK(p.steps[0].why == "is 0, wants 1");
  }
  SUBCASE("dnsmasq gone, or not ours, or deaf") {
    have.dnsmasq.reset();
    CHECK(HasStep(PlanStart(d, &status, have, false), Action::kCreate, Object::kDnsmasq, ""));
    have.dnsmasq = live::Process{7, "/usr/sbin/dnsmasq", {"dnsmasq", "--conf-file=/other.conf"}};
    CHECK(HasStep(PlanStart(d, &status, have, false), Action::kRestart, Object::kDnsmasq, ""));
    have.dnsmasq->argv[1] = "--conf-file=" + d.dnsmasq_conf;
    have.dnsmasq_ports = {53};
    Plan p = PlanStart(d, &status, have, false);
    REQUIRE(p.steps.size() == 1);
    CHECK(p.steps[0].why == "does not listen on UDP port 67");
  }
  SUBCASE("a file edited by hand, and a file left from before") {
    have.files[d.files[0].file.path].content += "# edited\n";
    have.files[d.files[0].file.path].mode = 0666;
    status.files.push_back("/run/systemd/network/50-vnetctl-old.network");
    have.files["/run/systemd/network/50-vnetctl-old.network"] =
        live::FileState{true, false, "x", "", 0644};
    Plan p = PlanStart(d, &status, have, false);
    CHECK(HasStep(p, Action::kModify, Object::kFile, d.files[0].file.path));
    CHECK(HasStep(p, Action::kDelete, Object::kFile, "50-vnetctl-old.network"));
  }
}

TEST_CASE("plan: a static host only reloads dnsmasq") {
  Network net = Parse(kDefault);
  Desired before_want = Want(net);
  auto [have, status] = Matching(before_want);
  DhcpHost h;
  h.mac = MacAddr::Parse("52:54:00:00:00:42");
  h.ip = IpAddr::Parse("192.168.122.42");
  net.ips[0].dhcp->hosts.push_back(h);
  Plan p = PlanStart(Want(net), &status, have, false);
  CHECK(HasStep(p, Action::kModify, Object::kFile, "default.hostsfile"));
  CHECK(HasStep(p, Action::kReload, Object::kDnsmasq, ""));
  CHECK_FALSE(p.KernelDiffers());
  CHECK_FALSE(p.HasFile(FileRole::kNative));
}

TEST_CASE("plan: destroy lists what is left") {
  Desired d = Want(Parse(kDefault));
  auto [have, status] = Matching(d);
  Plan p = PlanDestroy(status, have);
  CHECK(HasStep(p, Action::kDelete, Object::kLink, "virbr0"));
  CHECK(HasStep(p, Action::kDelete, Object::kNftTable, "vnetctl_default"));
  CHECK(HasStep(p, Action::kDelete, Object::kDnsmasq, ""));
  CHECK(HasStep(p, Action::kDelete, Object::kFile, "50-vnetctl-default.netdev"));
  CHECK(PlanDestroy(status, Observed{}).Empty());
}

// NetworkManager saves a runtime profile that firewall-cmd --permanent edits
// to /etc: that copy would bring the bridge back after destroy or at boot.
TEST_CASE("plan: a copy the manager saved of the native file is deleted") {
  Desired d = Want(Parse(kDefault), "networkmanager");
  const std::string copy = "/etc/NetworkManager/system-connections/vnetctl-default.nmconnection";
  REQUIRE(d.manager_copies == std::vector<std::string>{copy});
  auto [have, status] = Matching(d);
  status.manager_copies = d.manager_copies;
  CHECK(PlanStart(d, &status, have, false).Empty());
  have.files[copy] = live::FileState{true, false, "[connection]\n", "", 0600};
  Plan p = PlanStart(d, &status, have, false);
  REQUIRE(p.steps.size() == 1);
  CHECK(HasStep(p, Action::kDelete, Object::kFile, copy));
  CHECK(p.steps[0].role == FileRole::kNative);  // the manager re-reads its files
  CHECK(HasStep(PlanDestroy(status, have), Action::kDelete, Object::kFile, copy));
  // A change of placement deletes the old file once, as no longer wanted.
  Caps caps;
  caps.placement = Placement::kPersistent;
  auto moved = Desire(Parse(kDefault), *FindBackend("networkmanager"), caps);
  REQUIRE(moved.ok());
  auto [etc_have, etc_status] = Matching(*moved);
  for (const auto& [path, state] : have.files) etc_have.files.emplace(path, state);
  Plan back = PlanStart(d, &etc_status, etc_have, false);
  CHECK(std::count_if(back.steps.begin(), back.steps.end(), [&](const Step& s) {
          return s.object == Object::kFile && s.name == copy;
        }) == 1);
}

TEST_CASE("plan: JSON and text forms") {
  Desired d = Want(Parse(kDefault));
  Plan p = PlanStart(d, nullptr, Observed{}, false);
  nlohmann::json j = PlanToJson(p);
  CHECK(j["name"] == "default");
  CHECK(j["backend"] == "networkd");
  CHECK(j["steps"].size() == p.steps.size());
  CHECK(j["steps"][0].contains("disruptive"));
  std::string text = FormatPlan(p, false);
  CHECK(text.find("  + create link virbr0: missing\n") != std::string::npos);
  CHECK(FormatPlan(p, true).find("\033[32m") != std::string::npos);
}

TEST_CASE("plan: status records round-trip") {
  NetworkStatus s;
  s.name = "default";
  s.backend = "netplan";
  s.placement = Placement::kPersistent;
  s.files = {"/etc/netplan/90-vnetctl-default.yaml", "/etc/vnetctl/nftables/default.nft"};
  s.roles = {{"/etc/vnetctl/nftables/default.nft", FileRole::kFirewall}};
  s.nft_table = "vnetctl_default";
  s.nft_listing = "table inet vnetctl_default {\n}\n";
  s.sysctls_before = {{"net/ipv4/ip_forward", "0"}};
  s.manager_copies = {"/run/NetworkManager/system-connections/vnetctl-default.nmconnection"};
  auto back = StatusFromJson(StatusToJson(s), "x");
  REQUIRE(back.ok());
  CHECK(back->manager_copies == s.manager_copies);
  CHECK(back->placement == Placement::kPersistent);
  CHECK(back->files == s.files);
  CHECK(back->RoleOf("/etc/vnetctl/nftables/default.nft") == FileRole::kFirewall);
  CHECK(back->RoleOf("/etc/netplan/90-vnetctl-default.yaml") == FileRole::kNative);
  // A record written before roles were kept reads as all native.
  auto old = StatusFromJson(R"({"name": "default", "backend": "networkd", "files": ["/x"]})", "x");
  REQUIRE(old.ok());
  CHECK(old->RoleOf("/x") == FileRole::kNative);
  CHECK(back->nft_listing == s.nft_listing);
  CHECK(back->sysctls_before == s.sysctls_before);
  CHECK_FALSE(StatusFromJson("[]", "x").ok());
  CHECK_FALSE(StatusFromJson("{not json", "x").ok());
}

}  // namespace
}  // namespace vnet::plan
