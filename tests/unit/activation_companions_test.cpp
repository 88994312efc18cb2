// backends/common/companion_runtime.h: the exact commands `vnetctl start`
// and `destroy` run for the companions, per forward mode and placement.
#include <doctest/doctest.h>

#include "activation_test_util.h"
#include "backends/common/companion_runtime.h"
#include "backends/common/nftables.h"
#include "backends/ifupdown/companion_hooks.h"

namespace vnet {
namespace {

using activation_test::Builtin;
using activation_test::Cmd;
using activation_test::kDefaultXml;
using activation_test::kHostBridgeXml;
using activation_test::Parse;

const char* kStopDnsmasq[] = {"start-stop-daemon",
                              "--stop",
                              "--quiet",
                              "--oknodo",
                              "--retry",
                              "5",
                              "--pidfile",
                              "/run/vnetctl/dnsmasq/default.pid",
                              "--exec",
                              "/usr/sbin/dnsmasq"};

Network WithMode(const char* mode) {
  std::string xml = kDefaultXml;
  xml.replace(xml.find("nat"), 3, mode);
  return Parse(xml.c_str());
}

TEST_CASE("companion runtime: libvirt's default network, runtime placement") {
  Network net = Parse(kDefaultXml);
  CHECK(FirewallUp(net, Placement::kRuntime) ==
        Commands{Builtin({"/usr/sbin/nft", "-f", "/run/vnetctl/nftables/default.nft"},
                         NftScript{"/run/vnetctl/nftables/default.nft"})});
  CHECK(ForwardingUp(net) == Commands{Cmd({"sysctl", "-qw", "net.ipv4.ip_forward=1"})});
  CHECK(DnsmasqStart(net, Placement::kRuntime) ==
        Commands{Cmd({"mkdir", "-p", "/run/vnetctl/dnsmasq", "/var/lib/vnetctl/dnsmasq"}),
                 Cmd({"start-stop-daemon", "--start", "--quiet", "--oknodo", "--pidfile",
                      "/run/vnetctl/dnsmasq/default.pid", "--exec", "/usr/sbin/dnsmasq", "--",
                      "--conf-file=/run/vnetctl/dnsmasq/default.conf"})});
  CHECK(DnsmasqStop(net) ==
        Commands{Builtin(
            std::vector<std::string>(std::begin(kStopDnsmasq), std::end(kStopDnsmasq)),
            StopPidfileDaemon{"/run/vnetctl/dnsmasq/default.pid", "/usr/sbin/dnsmasq", 5})});
  CHECK(DnsmasqReload(net) ==
        Commands{
            Builtin({"start-stop-daemon", "--stop", "--signal", "HUP", "--quiet", "--pidfile",
                     "/run/vnetctl/dnsmasq/default.pid", "--exec", "/usr/sbin/dnsmasq"},
                    HangUpPidfileDaemon{"/run/vnetctl/dnsmasq/default.pid", "/usr/sbin/dnsmasq"})});
  CHECK(FirewallDown(net) ==
        Commands{Builtin({"/usr/sbin/nft", "delete", "table", "inet", "vnetctl_default"},
                         NftCommand{"delete table inet vnetctl_default"}, true)});
}

TEST_CASE("companion runtime: persistent placement reads the files under /etc") {
  Network net = Parse(kDefaultXml);
  CHECK(FirewallUp(net, Placement::kPersistent) ==
        Commands{Builtin({"/usr/sbin/nft", "-f", "/etc/vnetctl/nftables/default.nft"},
                         NftScript{"/etc/vnetctl/nftables/default.nft"})});
  Commands start = DnsmasqStart(net, Placement::kPersistent);
  REQUIRE(start.size() == 2);
  // The pid file and leases stay where they are: /run and /var/lib.
  CHECK(start[0] == Cmd({"mkdir", "-p", "/run/vnetctl/dnsmasq", "/var/lib/vnetctl/dnsmasq"}));
  CHECK(start[1].argv.back() == "--conf-file=/etc/vnetctl/dnsmasq/default.conf");
  CHECK(start[1].argv[5] == "/run/vnetctl/dnsmasq/default.pid");
}

TEST_CASE("companion runtime: open mode forwards without a firewall") {
  Network net = WithMode("open");
  CHECK(FirewallUp(net, Placement::kRuntime).empty());
  CHECK(FirewallDown(net).empty());
  CHECK(ForwardingUp(net) == Commands{Cmd({"sysctl", "-qw", "net.ipv4.ip_forward=1"})});
  CHECK(DnsmasqStart(net, Placement::kRuntime).size() == 2);
}

TEST_CASE("companion runtime: an isolated network has a firewall but no forwarding") {
  Network net = Parse(R"(<network>
    <name>isolated</name>
    <bridge name='virbr2'/>
    <ip address='192.168.152.1' prefix='24'/>
  </network>)");
  CHECK(FirewallUp(net, Placement::kRuntime) ==
        Commands{Builtin({"/usr/sbin/nft", "-f", "/run/vnetctl/nftables/isolated.nft"},
                         NftScript{"/run/vnetctl/nftables/isolated.nft"})});
  CHECK(ForwardingUp(net).empty());
  // DNS stays on without <dhcp>, so dnsmasq still runs.
  CHECK(DnsmasqStart(net, Placement::kRuntime).size() == 2);
}

TEST_CASE("companion runtime: routed dual stack forwards both families") {
  Network net = Parse(R"(<network>
    <name>routed6</name>
    <forward mode='route'/>
    <bridge name='virbr6'/>
    <ip address='192.168.160.1' prefix='24'/>
    <ip family='ipv6' address='fd00:160::1' prefix='64'/>
  </network>)");
  CHECK(ForwardingUp(net) == Commands{Cmd({"sysctl", "-qw", "net.ipv4.ip_forward=1"}),
                                      Cmd({"sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"})});
}

TEST_CASE("companion runtime: a network without DHCP and DNS runs no dnsmasq") {
  Network net = Parse(R"(<network>
    <name>nodns</name>
    <forward mode='nat'/>
    <bridge name='virbr7'/>
    <dns enable='no'/>
    <ip address='192.168.170.1' prefix='24'/>
  </network>)");
  CHECK(DnsmasqStart(net, Placement::kRuntime).empty());
  CHECK(DnsmasqStop(net).empty());
  CHECK(DnsmasqReload(net).empty());
  CHECK(FirewallUp(net, Placement::kRuntime).size() == 1);
}

TEST_CASE("companion runtime: a network onto a host bridge has no companions") {
  Network net = Parse(kHostBridgeXml);
  CHECK(FirewallUp(net, Placement::kRuntime).empty());
  CHECK(FirewallDown(net).empty());
  CHECK(ForwardingUp(net).empty());
  CHECK(DnsmasqStart(net, Placement::kRuntime).empty());
  CHECK(DnsmasqStop(net).empty());
}

// The ifupdown stanza runs the same commands as `vnetctl start` does.
TEST_CASE("companion runtime: the ifupdown hooks are the same commands") {
  Network net = Parse(kDefaultXml);
  Result<ifupdown::HookCommands> hooks = ifupdown::CompanionHooks(net, Placement::kRuntime);
  REQUIRE(hooks.ok());
  auto argvs = [](const auto& cmds) {
    std::vector<std::vector<std::string>> out;
    for (const auto& c : cmds) out.push_back(c.argv);
    return out;
  };
  Commands post_up = ForwardingUp(net);
  for (auto& c : DnsmasqStart(net, Placement::kRuntime)) post_up.push_back(c);
  CHECK(argvs(hooks->firewall_up) == argvs(FirewallUp(net, Placement::kRuntime)));
  CHECK(argvs(hooks->post_up) == argvs(post_up));
  CHECK(argvs(hooks->pre_down) == argvs(DnsmasqStop(net)));
  CHECK(argvs(hooks->post_down) == argvs(FirewallDown(net)));
  REQUIRE(hooks->post_down.size() == 1);
  CHECK(hooks->post_down[0].ignore_failure);
}

}  // namespace
}  // namespace vnet
