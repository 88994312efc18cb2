// The real dnsmasq accepts what vnetctl renders: `dnsmasq --test` on the
// configuration (with its hosts files written where it says), and on every
// dhcp-hostsfile line given as a dhcp-host= option, which is the same syntax.
#include <doctest/doctest.h>

#include <sstream>
#include <utility>

#include "backends/common/dnsmasq.h"
#include "dnsmasq_nftables_support.h"

namespace vnet {
namespace {

using testing::Addr;
using testing::DefaultNetwork;
using testing::MakeIp;
using testing::MakeNetwork;
using testing::RequireTool;
using testing::RunTool;
using testing::TempDir;
using testing::WithRange;
using testing::WriteFile;

DnsmasqPaths PathsIn(const TempDir& dir, const std::string& name) {
  const std::string base = (dir.path() / name).string();
  return {base + ".conf", base + ".hostsfile", base + ".addnhosts", base + ".pid",
          base + ".leases"};
}

void CheckWithDnsmasq(const Network& net) {
  TempDir dir;
  const DnsmasqPaths paths = PathsIn(dir, "net");
  auto config = RenderDnsmasq(net, paths);
  REQUIRE_MESSAGE(config.ok(), config.error().Format());
  WriteFile(paths.conf, config->conf);
  WriteFile(paths.hostsfile, config->hostsfile);
  WriteFile(paths.addnhosts, config->addnhosts);
  testing::ToolResult conf = RunTool({kDnsmasqBinary, "--test", "--conf-file=" + paths.conf});
  CHECK_MESSAGE(conf.exit_status == 0, conf.output, "\n", config->conf);

  std::string hosts_check;
  std::istringstream lines(config->hostsfile);
  for (std::string line; std::getline(lines, line);) hosts_check += "dhcp-host=" + line + "\n";
  const std::string hosts_conf = (dir.path() / "hosts-check.conf").string();
  WriteFile(hosts_conf, hosts_check);
  testing::ToolResult hosts = RunTool({kDnsmasqBinary, "--test", "--conf-file=" + hosts_conf});
  CHECK_MESSAGE(hosts.exit_status == 0, hosts.output, "\n", hosts_check);
}

std::vector<std::pair<std::string, Network>> Variants() {
  std::vector<std::pair<std::string, Network>> out;
  out.emplace_back("default", DefaultNetwork());

  Network full = DefaultNetwork();
  full.mtu = 9000;
  full.domain = Domain{"lab.example", true, {}};
  full.dns = Dns{};
  full.dns->forward_plain_names = false;
  full.dns->forwarders = {{Addr("9.9.9.9"), std::nullopt, {}}, {std::nullopt, "corp", {}}};
  full.dns->txts.push_back(DnsTxt{"info", "hello world", {}});
  full.dns->srvs.push_back(DnsSrv{"ldap", "tcp", "lab.example", "dc.lab.example", 389, 0, 5, {}});
  full.dns->hosts.push_back(DnsHost{Addr("192.168.122.1"), {"gw", "router"}, {}});
  full.ips[0].local_ptr = true;
  full.ips[0].tftp_root = "/srv/tftp";
  full.ips[0].dhcp->bootp = DhcpBootp{"pxelinux.0", std::nullopt, {}};
  DhcpHost host;
  host.mac = MacAddr::Parse("52:54:00:aa:bb:01");
  host.name = "vm1";
  host.ip = Addr("192.168.122.10");
  host.lease = Lease{1, LeaseUnit::kHours, {}};
  full.ips[0].dhcp->hosts.push_back(host);
  Ip v6 = WithRange(MakeIp("2001:db8:1::1", 64), "2001:db8:1::100", "2001:db8:1::1ff");
  DhcpHost host6;
  host6.id = "0:3:0:1:0:16:3e:11:22:33";
  host6.name = "vm1";
  host6.ip = Addr("2001:db8:1::10");
  v6.dhcp->hosts.push_back(host6);
  full.ips.push_back(v6);
  out.emplace_back("nat with every DNS and DHCP feature", full);

  Network isolated = DefaultNetwork();
  isolated.forward.reset();
  out.emplace_back("isolated", isolated);

  Network routed = MakeNetwork("local", ForwardMode::kRoute, "virbr1");
  routed.ips.push_back(MakeIp("192.168.50.1", 24));
  routed.dns = Dns{};
  routed.dns->enable = false;
  out.emplace_back("route without DNS", routed);
  return out;
}

TEST_CASE("dnsmasq --test accepts every rendered configuration") {
  RequireTool(kDnsmasqBinary);
  int checked = 0;
  for (const auto& [label, net] : Variants()) {
    CAPTURE(label);
    CheckWithDnsmasq(net);
    checked++;
  }
  MESSAGE("dnsmasq accepted ", checked, " rendered configurations");
  CHECK(checked == 4);
}

TEST_CASE("dnsmasq --test rejects a broken option, so the check can fail") {
  RequireTool(kDnsmasqBinary);
  Network net = DefaultNetwork();
  net.dnsmasq_options = {"no-such-option=1"};
  TempDir dir;
  const DnsmasqPaths paths = PathsIn(dir, "net");
  WriteFile(paths.conf, RenderDnsmasq(net, paths)->conf);
  testing::ToolResult result = RunTool({kDnsmasqBinary, "--test", "--conf-file=" + paths.conf});
  CHECK(result.exit_status != 0);
  CHECK(result.output.find("bad option") != std::string::npos);
}

}  // namespace
}  // namespace vnet
