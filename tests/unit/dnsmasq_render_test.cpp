// RenderDnsmasq on networks built in C++: every block of the configuration,
// the hosts files, the errors and the argv.
#include <doctest/doctest.h>

#include "backends/common/dnsmasq.h"
#include "dnsmasq_nftables_support.h"

namespace vnet {
namespace {

using testing::Addr;
using testing::DefaultNetwork;
using testing::MakeIp;
using testing::MakeNetwork;
using testing::WithRange;

const char kHeader[] =
    "##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
    "##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:\n"
    "##    vnetctl edit default\n"
    "## or other vnetctl commands (update, apply).\n"
    "##\n"
    "## dnsmasq conf file created by vnetctl\n"
    "strict-order\n";

DnsmasqPaths LibvirtPaths(const std::string& name) {
  const std::string dir = "/var/lib/libvirt/dnsmasq/";
  return {dir + name + ".conf", dir + name + ".hostsfile", dir + name + ".addnhosts", "", ""};
}

DnsmasqConfig Render(const Network& net, const DnsmasqPaths& paths) {
  auto config = RenderDnsmasq(net, paths);
  REQUIRE_MESSAGE(config.ok(), config.error().Format());
  return *config;
}

std::string Conf(const Network& net) { return Render(net, LibvirtPaths(net.name)).conf; }

Error RenderError(const Network& net) {
  auto config = RenderDnsmasq(net, LibvirtPaths(net.name));
  REQUIRE_FALSE(config.ok());
  return config.error();
}

DhcpHost Host(const char* mac, const char* name, const char* ip) {
  DhcpHost host;
  if (mac) host.mac = MacAddr::Parse(mac);
  if (name) host.name = name;
  host.ip = Addr(ip);
  return host;
}

TEST_CASE("dnsmasq: libvirt's default network") {
  const DnsmasqConfig config = Render(DefaultNetwork(), LibvirtPaths("default"));
  CHECK(config.conf == std::string(kHeader) +
                           "except-interface=lo\n"
                           "bind-dynamic\n"
                           "interface=virbr0\n"
                           "dhcp-range=192.168.122.2,192.168.122.254,255.255.255.0\n"
                           "dhcp-no-override\n"
                           "dhcp-authoritative\n"
                           "dhcp-lease-max=253\n"
                           "dhcp-hostsfile=/var/lib/libvirt/dnsmasq/default.hostsfile\n"
                           "addn-hosts=/var/lib/libvirt/dnsmasq/default.addnhosts\n");
  CHECK(config.hostsfile.empty());
  CHECK(config.addnhosts.empty());
}

TEST_CASE("dnsmasq: pid-file and dhcp-leasefile come before except-interface") {
  DnsmasqPaths paths = LibvirtPaths("default");
  paths.pidfile = "/run/vnetctl/dnsmasq/default.pid";
  paths.leasefile = "/var/lib/vnetctl/dnsmasq/default.leases";
  const std::string conf = Render(DefaultNetwork(), paths).conf;
  CHECK(conf.find("strict-order\n"
                  "pid-file=/run/vnetctl/dnsmasq/default.pid\n"
                  "dhcp-leasefile=/var/lib/vnetctl/dnsmasq/default.leases\n"
                  "except-interface=lo\n") != std::string::npos);
}

TEST_CASE("dnsmasq: isolated network gets no router, no upstream DNS and no RA route") {
  Network net = DefaultNetwork();
  net.forward.reset();
  CHECK(Conf(net).find("interface=virbr0\n"
                       "dhcp-option=3\n"
                       "no-resolv\n"
                       "ra-param=*,0,0\n"
                       "dhcp-range=") != std::string::npos);
}

TEST_CASE("dnsmasq: DNS disabled listens on port 0 and names no addn-hosts") {
  Network net = MakeNetwork("local", ForwardMode::kRoute, "virbr1");
  net.ips.push_back(MakeIp("192.168.122.1", 24));
  net.dns = Dns{};
  net.dns->enable = false;
  net.dns->txts.push_back(DnsTxt{"ignored", "when dns is off", {}});
  const std::string conf = Conf(net);
  CHECK(conf.substr(conf.find("strict-order\n")) ==
        "strict-order\nport=0\nexcept-interface=lo\nbind-dynamic\ninterface=virbr1\n");
}

TEST_CASE("dnsmasq: forwarders, domain and plain names") {
  Network net = MakeNetwork("default", ForwardMode::kNat, "virbr0");
  net.ips.push_back(MakeIp("192.168.122.1", 24));
  net.dns = Dns{};
  net.dns->forward_plain_names = false;
  net.dns->forwarders = {{Addr("8.8.8.8"), std::nullopt, {}},
                         {Addr("192.168.1.1"), "example.com", {}},
                         {std::nullopt, "www.example.com", {}}};
  net.domain = Domain{"example.com", true, {}};
  const std::string conf = Conf(net);
  CHECK(conf.substr(conf.find("strict-order\n")) ==
        "strict-order\n"
        "server=8.8.8.8\n"
        "server=/example.com/192.168.1.1\n"
        "server=/www.example.com/#\n"
        "no-resolv\n"
        "local=/example.com/\n"
        "domain=example.com\n"
        "expand-hosts\n"
        "domain-needed\n"
        "local=//\n"
        "except-interface=lo\n"
        "bind-dynamic\n"
        "interface=virbr0\n"
        "addn-hosts=/var/lib/libvirt/dnsmasq/default.addnhosts\n");
}

TEST_CASE("dnsmasq: localPtr makes the reverse zones local") {
  Network net = MakeNetwork("default", ForwardMode::kNat, "virbr0");
  net.ips.push_back(MakeIp("192.168.122.1", 24));
  net.ips.push_back(MakeIp("10.1.2.3", 16));
  net.ips.push_back(MakeIp("2001:db8:ac10:fd01::1", 64));
  for (Ip& ip : net.ips) ip.local_ptr = true;
  const std::string conf = Conf(net);
  CHECK(conf.find("local=/122.168.192.in-addr.arpa/\n"
                  "local=/1.10.in-addr.arpa/\n"
                  "local=/1.0.d.f.0.1.c.a.8.b.d.0.1.0.0.2.ip6.arpa/\n"
                  "except-interface=lo\n") != std::string::npos);

  net.ips[0].prefix = 20;
  const Error error = RenderError(net);
  CHECK(error.kind == ErrorKind::kUnsupported);
  CHECK(error.message ==
        "unsupported configuration: PTR domain for IPv4 network with prefix 20 cannot be "
        "automatically created");
}

TEST_CASE("dnsmasq: SRV fields are positional with defaults") {
  Network net = DefaultNetwork();
  net.dns = Dns{};
  auto srv = [](const char* target, std::optional<uint32_t> port, std::optional<uint32_t> prio,
                std::optional<uint32_t> weight) {
    return DnsSrv{"ldap", "tcp", "example.com", target, port, prio, weight, {}};
  };
  net.dns->srvs = {srv("a.example.com", 389, 10, 5), srv("b.example.com", std::nullopt, 0, 7),
                   srv("c.example.com", std::nullopt, std::nullopt, std::nullopt),
                   srv(".", 389, 1, 1)};
  net.dns->txts.push_back(DnsTxt{"info", "a, b", {}});
  CHECK(Conf(net).find("interface=virbr0\n"
                       "txt-record=info,\"a, b\"\n"  // one string, not "a" and " b"
                       "srv-host=_ldap._tcp.example.com,a.example.com,389,10,5\n"
                       "srv-host=_ldap._tcp.example.com,b.example.com,1,0,7\n"
                       "srv-host=_ldap._tcp.example.com,c.example.com\n"
                       "srv-host=_ldap._tcp.example.com\n"
                       "dhcp-range=") != std::string::npos);
}

TEST_CASE("dnsmasq: TFTP, bootp, lease times, MTU and extra options") {
  Network net = DefaultNetwork();
  net.mtu = 9000;
  net.ips[0].tftp_root = "/srv/tftp";
  net.ips[0].dhcp->bootp = DhcpBootp{"pxelinux.0", Addr("10.0.0.5"), {}};
  net.ips[0].dhcp->ranges[0].lease = Lease{0, std::nullopt, {}};
  net.dnsmasq_options = {"log-dhcp"};
  const std::string conf = Conf(net);
  CHECK(conf.substr(conf.find("enable-tftp")) ==
        "enable-tftp\n"
        "tftp-root=/srv/tftp\n"
        "dhcp-range=192.168.122.2,192.168.122.254,255.255.255.0,infinite\n"
        "dhcp-no-override\n"
        "dhcp-authoritative\n"
        "dhcp-boot=pxelinux.0,,10.0.0.5\n"
        "dhcp-lease-max=253\n"
        "dhcp-hostsfile=/var/lib/libvirt/dnsmasq/default.hostsfile\n"
        "addn-hosts=/var/lib/libvirt/dnsmasq/default.addnhosts\n"
        "dhcp-option=option:mtu,9000\n"
        "log-dhcp\n");
}

TEST_CASE("dnsmasq: IPv6 DHCP enables RA; IPv6 without DHCP is RA-only") {
  Network net = DefaultNetwork();
  net.ips.push_back(MakeIp("2001:db8:1::1", 64));
  CHECK(Conf(net).find("addnhosts\ndhcp-range=2001:db8:1::1,ra-only\n") != std::string::npos);

  net.ips[1] = WithRange(net.ips[1], "2001:db8:1::100", "2001:db8:1::1ff");
  const std::string conf = Conf(net);
  CHECK(conf.find("dhcp-authoritative\n"
                  "dhcp-range=2001:db8:1::100,2001:db8:1::1ff,64\n"
                  "dhcp-lease-max=509\n") != std::string::npos);
  CHECK(conf.find("addnhosts\nenable-ra\n") != std::string::npos);
}

TEST_CASE("dnsmasq: static-only IPv4 DHCP is not authoritative (later libvirt)") {
  Network net = MakeNetwork("local", ForwardMode::kRoute, "virbr1");
  net.ips.push_back(MakeIp("192.168.122.1", 24));
  net.ips[0].dhcp = Dhcp{};
  net.ips[0].dhcp->hosts.push_back(Host("00:16:3e:77:e2:ed", "a", "192.168.122.10"));
  const std::string conf = Conf(net);
  CHECK(conf.find("dhcp-range=192.168.122.1,static\n"
                  "dhcp-no-override\n"
                  "dhcp-hostsfile=") != std::string::npos);
  CHECK(conf.find("dhcp-authoritative") == std::string::npos);
  CHECK(conf.find("dhcp-lease-max") == std::string::npos);
}

TEST_CASE("dnsmasq: hostsfile formats") {
  Network net = DefaultNetwork();
  DhcpHost with_lease = Host("52:54:00:AA:BB:01", "vm1", "192.168.122.10");
  with_lease.lease = Lease{2, LeaseUnit::kHours, {}};
  DhcpHost no_ip = Host("52:54:00:aa:bb:09", "noip", "192.168.122.99");
  no_ip.ip.reset();
  net.ips[0].dhcp->hosts = {with_lease, Host(nullptr, "vm2", "192.168.122.11"),
                            Host("52:54:00:aa:bb:03", nullptr, "192.168.122.12"), no_ip};
  Ip v6 = MakeIp("2001:db8::1", 64);
  v6.dhcp = Dhcp{};
  DhcpHost by_id = Host(nullptr, "peter", "2001:db8::22");
  by_id.id = "0:3:0:1:0:16:3e:11:22:33";
  DhcpHost id_only = Host(nullptr, nullptr, "2001:db8::23");
  id_only.id = "0:3:0:1:0:16:3e:44:55:33";
  DhcpHost forever = Host(nullptr, "paul", "2001:db8::21");
  forever.lease = Lease{0, LeaseUnit::kSeconds, {}};
  v6.dhcp->hosts = {by_id, id_only, forever};
  net.ips.push_back(v6);
  CHECK(Render(net, LibvirtPaths("default")).hostsfile ==
        "52:54:00:aa:bb:01,192.168.122.10,vm1,2h\n"
        "vm2,192.168.122.11\n"
        "52:54:00:aa:bb:03,192.168.122.12\n"
        "id:0:3:0:1:0:16:3e:11:22:33,peter,[2001:db8::22]\n"
        "id:0:3:0:1:0:16:3e:44:55:33,[2001:db8::23]\n"
        "paul,[2001:db8::21],infinite\n");
}

TEST_CASE("dnsmasq: addn-hosts groups names by address") {
  Network net = DefaultNetwork();
  net.dns = Dns{};
  net.dns->hosts = {{Addr("192.168.122.1"), {"host", "gateway"}, {}},
                    {Addr("192.168.122.5"), {"five"}, {}},
                    {Addr("192.168.122.1"), {"router"}, {}},
                    {Addr("192.168.122.6"), {}, {}}};
  CHECK(Render(net, LibvirtPaths("default")).addnhosts ==
        "192.168.122.1\thost\tgateway\trouter\t\n"
        "192.168.122.5\tfive\t\n");
  CHECK(*RenderDnsmasqAddnhosts(net) == Render(net, LibvirtPaths("default")).addnhosts);
}

TEST_CASE("dnsmasq: two DHCP-serving addresses of one family are refused") {
  Network net = DefaultNetwork();
  net.ips.push_back(WithRange(MakeIp("192.168.123.1", 24), "192.168.123.2", "192.168.123.9"));
  net.ips[1].loc = SourceLoc{"net.xml", 9, "/network/ip[2]"};
  const Error error = RenderError(net);
  CHECK(error.kind == ErrorKind::kUnsupported);
  CHECK(error.Format() ==
        "net.xml:9: unsupported configuration: For IPv4, multiple DHCP definitions cannot be "
        "specified. (/network/ip[2])");
}

TEST_CASE("dnsmasq: a line break in any value is refused") {
  Network net = DefaultNetwork();
  net.dns = Dns{};
  net.dns->txts.push_back(DnsTxt{"a", "b\ndhcp-script=/tmp/x", {"n.xml", 7, "/network/dns/txt"}});
  Error error = RenderError(net);
  CHECK(error.kind == ErrorKind::kInvalidInput);
  CHECK(error.Format() ==
        "n.xml:7: DNS TXT record value of network 'default' must not contain a line break "
        "(/network/dns/txt)");

  net = DefaultNetwork();
  net.dnsmasq_options = {"foo\rbar"};
  CHECK(RenderError(net).message ==
        "dnsmasq option of network 'default' must not contain a line break");

  net = DefaultNetwork();
  net.ips[0].dhcp->hosts.push_back(Host(nullptr, "a\nb", "192.168.122.10"));
  CHECK(RenderError(net).message ==
        "DHCP host name of network 'default' must not contain a line break");
}

TEST_CASE("dnsmasq: only managed bridges, and only with a bridge name") {
  Network net = MakeNetwork("br", ForwardMode::kBridge, "br0");
  Error error = RenderError(net);
  CHECK(error.kind == ErrorKind::kUnsupported);
  CHECK(
      error.message ==
      "network 'br' with forward mode 'bridge' has no bridge of its own to serve DHCP and DNS on");

  net = DefaultNetwork();
  net.bridge.reset();
  error = RenderError(net);
  CHECK(error.kind == ErrorKind::kInvalidInput);
  CHECK(error.message == "network 'default' has no bridge name");
}

TEST_CASE("dnsmasq: NeedsDnsmasq follows libvirt's networkNeedsDnsmasq") {
  Network net = DefaultNetwork();
  CHECK(NeedsDnsmasq(net));
  net.dns = Dns{};
  net.dns->enable = false;
  CHECK(NeedsDnsmasq(net));  // DHCP still served
  net.ips[0].dhcp.reset();
  CHECK_FALSE(NeedsDnsmasq(net));
  net.ips[0].tftp_root = "/srv/tftp";
  CHECK(NeedsDnsmasq(net));
  net.ips.clear();
  CHECK_FALSE(NeedsDnsmasq(net));
  CHECK_FALSE(NeedsDnsmasq(MakeNetwork("br", ForwardMode::kBridge, "br0")));
}

TEST_CASE("dnsmasq: argv, never a shell string") {
  DnsmasqPaths paths = LibvirtPaths("default");
  CHECK(DnsmasqArgv(paths) ==
        std::vector<std::string>{"/usr/sbin/dnsmasq",
                                 "--conf-file=/var/lib/libvirt/dnsmasq/default.conf",
                                 "--leasefile-ro", "--keep-in-foreground"});
  paths.pidfile = "/run/vnetctl/dnsmasq/default.pid";
  paths.leasefile = "/var/lib/vnetctl/dnsmasq/default.leases";
  CHECK(DnsmasqArgv(paths) ==
        std::vector<std::string>{"/usr/sbin/dnsmasq",
                                 "--conf-file=/var/lib/libvirt/dnsmasq/default.conf"});
}

}  // namespace
}  // namespace vnet
