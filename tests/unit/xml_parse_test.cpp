// Parser contracts: safety refusals, syntax errors with lines, libvirt's
// value-error messages, element paths, and the net-update fragments.
#include <doctest/doctest.h>

#include <string>

#include "core/xml/format.h"
#include "core/xml/parse.h"

using vnet::ErrorKind;
using vnet::xml::ParseNetwork;

namespace {

// A minimal valid network with `body` inserted after <name>.
std::string Net(const std::string& body, const std::string& attrs = "") {
  return "<network" + attrs + ">\n  <name>n</name>\n" + body + "</network>\n";
}

std::string ErrorOf(const vnet::Result<vnet::Network>& r) {
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::kInvalidInput);
  return r.error().message;
}

}  // namespace

TEST_CASE("DOCTYPE, entity declarations and entity references are refused") {
  const std::string doctype =
      "<?xml version='1.0'?>\n<!DOCTYPE network [<!ENTITY x 'boom'>]>\n"
      "<network><name>&x;</name></network>\n";
  auto r = ParseNetwork(doctype, "f.xml");
  CHECK(ErrorOf(r) == "XML error: DOCTYPE and entity declarations are not allowed");
  CHECK(r.error().where.file == "f.xml");

  auto undeclared = ParseNetwork("<network><name>&x;</name></network>", "f.xml");
  CHECK(ErrorOf(undeclared) == "XML error: Entity 'x' not defined");
  CHECK(undeclared.error().where.line == 1);
}

TEST_CASE("syntax errors carry libxml2's message and line") {
  auto r = ParseNetwork("<network>\n  <name>n</name>\n  <bridge>\n</network>\n", "bad.xml");
  CHECK(ErrorOf(r) == "XML error: Opening and ending tag mismatch: bridge line 3 and network");
  CHECK(r.error().where.file == "bad.xml");
  CHECK(r.error().where.line == 4);
  CHECK(ErrorOf(ParseNetwork("", "-")) == "XML error: Document is empty");
}

TEST_CASE("oversized input and NUL bytes are refused before parsing") {
  std::string big(vnet::xml::kMaxXmlBytes + 1, ' ');
  CHECK(ErrorOf(ParseNetwork(big, "-")) ==
        "XML error: document is larger than the limit of 16777216 bytes");
  std::string with_nul = Net("");
  with_nul[3] = '\0';
  CHECK(ErrorOf(ParseNetwork(with_nul, "-")) == "XML error: document contains a NUL byte");
}

TEST_CASE("wrong root element, missing name, bad name") {
  CHECK(ErrorOf(ParseNetwork("<domain/>", "-")) ==
        "XML error: expecting root element of 'network', not 'domain'");
  CHECK(ErrorOf(ParseNetwork("<network/>", "-")) == "missing name information");
  CHECK(ErrorOf(ParseNetwork("<network><name>a/b</name></network>", "-")) ==
        "invalid char in name: /");
}

TEST_CASE("libvirt's messages for malformed values") {
  CHECK(ErrorOf(ParseNetwork(Net("<uuid>nope</uuid>"), "-")) ==
        "internal error: malformed uuid element");
  CHECK(ErrorOf(ParseNetwork(Net("<mac address='52:54:00:zz:00:01'/>"), "-")) ==
        "XML error: Invalid bridge mac address '52:54:00:zz:00:01' in network 'n'");
  CHECK(ErrorOf(ParseNetwork(Net("<mac address='01:00:00:00:00:01'/>"), "-")) ==
        "XML error: Invalid multicast bridge mac address '01:00:00:00:00:01' in network 'n'");
  CHECK(ErrorOf(ParseNetwork(Net("<ip address='x'/>"), "-")) ==
        "XML error: Invalid address 'x' in network 'n'");
  CHECK(ErrorOf(ParseNetwork(Net("<ip netmask='255.255.255.0'/>"), "-")) ==
        "XML error: Missing required address attribute in network 'n'");
  CHECK(ErrorOf(ParseNetwork(Net("<forward mode='foo'/>"), "-")) ==
        "unsupported configuration: unknown forwarding type 'foo'");
  CHECK(ErrorOf(ParseNetwork(Net("<mtu size='big'/>"), "-")) ==
        "XML error: Invalid mtu size 'big' in network 'n'");
  CHECK(ErrorOf(ParseNetwork(Net("<bridge delay='-1'/>"), "-")) ==
        "XML error: Invalid delay value in network 'n'");
  CHECK(ErrorOf(ParseNetwork(Net("", " ipv6='maybe'"), "-")) ==
        "XML error: Invalid ipv6 setting 'maybe' in network 'n'");
  CHECK(ErrorOf(ParseNetwork(Net("<dns enable='sure'/>"), "-")) ==
        "XML error: Invalid value for attribute 'enable' in element 'dns': 'sure'.");
  CHECK(ErrorOf(ParseNetwork(Net("<ip address='10.0.0.1' prefix='x'/>"), "-")) ==
        "XML error: Invalid value for attribute 'prefix' in element 'ip': 'x'. Expected "
        "non-negative integer value");
  CHECK(ErrorOf(ParseNetwork(Net("<vlan><tag id='5000'/></vlan>"), "-")) ==
        "XML error: vlan tag id 5000 too large (maximum 4095)");
  CHECK(ErrorOf(ParseNetwork(Net("<forward mode='route'><nat/></forward>"), "-")) ==
        "XML error: The <nat> element can only be used when <forward> 'mode' is 'nat' in "
        "network n");
  CHECK(ErrorOf(ParseNetwork(Net("<forward dev='a'><interface dev='b'/></forward>"), "-")) ==
        "XML error: <forward dev='a'> must match first <interface dev='b'/> in network n");
}

TEST_CASE("errors inside DHCP hosts name the element path and line") {
  const std::string text =
      Net("  <ip address='192.168.1.1' prefix='24'>\n"
          "    <dhcp>\n"
          "      <host mac='52:54:00:00:00:01' ip='192.168.1.2'/>\n"
          "      <host mac='52:54:00:00:00:0g' ip='192.168.1.3'/>\n"
          "    </dhcp>\n"
          "  </ip>\n");
  auto r = ParseNetwork(text, "net.xml");
  CHECK(ErrorOf(r) == "XML error: Cannot parse MAC address '52:54:00:00:00:0g' in network 'n'");
  CHECK(r.error().where.file == "net.xml");
  CHECK(r.error().where.line == 6);
  CHECK(r.error().where.path == "/network/ip[1]/dhcp/host[2]/@mac");
}

TEST_CASE("every element keeps its SourceLoc") {
  const std::string text =
      Net("  <ip address='192.168.1.1' prefix='24'/>\n"
          "  <ip family='ipv6' address='fd00::1' prefix='64'>\n"
          "    <dhcp>\n"
          "      <range start='fd00::10' end='fd00::20'/>\n"
          "    </dhcp>\n"
          "  </ip>\n");
  auto r = ParseNetwork(text, "n.xml");
  REQUIRE(r.ok());
  CHECK(r->loc.path == "/network");
  CHECK(r->loc.line == 1);
  REQUIRE(r->ips.size() == 2);
  CHECK(r->ips[1].loc.path == "/network/ip[2]");
  CHECK(r->ips[1].loc.line == 4);
  CHECK(r->ips[1].dhcp->loc.path == "/network/ip[2]/dhcp");
  CHECK(r->ips[1].dhcp->ranges[0].loc.path == "/network/ip[2]/dhcp/range[1]");
  CHECK(r->ips[1].dhcp->ranges[0].loc.line == 6);
  CHECK(r->ips[1].dhcp->ranges[0].loc.file == "n.xml");
}

TEST_CASE("unknown elements and attributes are ignored, as libvirt does") {
  auto r = ParseNetwork(Net("  <frobnicate level='11'/>\n", " color='blue'"), "-");
  REQUIRE(r.ok());
  CHECK(vnet::xml::FormatNetwork(*r) ==
        "<network>\n  <name>n</name>\n  <bridge stp='on' delay='0'/>\n</network>\n");
}

TEST_CASE("formatting escapes text and attribute values") {
  auto r = ParseNetwork(
      "<network><name>a&amp;b&lt;'\"</name><bridge name=\"x'y\"/><title>t&gt;</title>"
      "</network>",
      "-");
  REQUIRE(r.ok());
  CHECK(vnet::xml::FormatNetwork(*r) ==
        "<network>\n  <name>a&amp;b&lt;&apos;&quot;</name>\n  <title>t&gt;</title>\n"
        "  <bridge name='x&apos;y' stp='on' delay='0'/>\n</network>\n");
}

TEST_CASE("forward without mode is nat; isolated networks get no <forward>") {
  auto r = ParseNetwork(Net("<forward/><ip address='10.0.0.1' prefix='8'/>"), "-");
  REQUIRE(r.ok());
  REQUIRE(r->forward);
  CHECK(r->forward->mode == vnet::ForwardMode::kNat);
  CHECK_FALSE(r->forward->mode_explicit);
  CHECK(vnet::xml::FormatNetwork(*r).find("  <forward mode='nat'/>\n") != std::string::npos);
}

TEST_CASE("fragment: DHCP host") {
  auto h = vnet::xml::ParseDhcpHost("<host mac='00:16:3E:77:F0:0D' name='m' ip='10.0.0.5'/>",
                                    "frag.xml");
  REQUIRE(h.ok());
  CHECK(h->mac->ToString() == "00:16:3e:77:f0:0d");
  CHECK(*h->name == "m");
  CHECK(h->ip->ToString() == "10.0.0.5");
  CHECK(h->loc.path == "/host");
  // Incomplete entries parse; net-update decides whether they are enough.
  auto partial = vnet::xml::ParseDhcpHost("<host name='tea'/>", "-");
  REQUIRE(partial.ok());
  CHECK_FALSE(partial->ip);
  auto bad = vnet::xml::ParseDhcpHost("<host mac='nope'/>", "-");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "XML error: Cannot parse MAC address 'nope'");
  auto wrong = vnet::xml::ParseDhcpHost("<range start='1.1.1.1' end='1.1.1.2'/>", "-");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().message == "XML error: unexpected element <range>, expecting <host>");
}

TEST_CASE("fragment: DHCP range") {
  auto r = vnet::xml::ParseDhcpRange("<range start='10.0.0.10' end='10.0.0.100'/>", "-");
  REQUIRE(r.ok());
  CHECK(r->start.ToString() == "10.0.0.10");
  CHECK(r->end.ToString() == "10.0.0.100");
  auto missing = vnet::xml::ParseDhcpRange("<range start='10.0.0.10'/>", "-");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "XML error: Missing 'end' attribute in dhcp range");
  auto bad = vnet::xml::ParseDhcpRange("<range start='10.0.0.x' end='10.0.0.1'/>", "-");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "Cannot parse socket address '10.0.0.x': Name or service not known");
}

TEST_CASE("fragment: DNS host, SRV and TXT") {
  auto host =
      vnet::xml::ParseDnsHost("<host ip='f0:0d::f0:0d'><hostname>pudding</hostname></host>", "-");
  REQUIRE(host.ok());
  CHECK(host->ip.ToString() == "f0:d::f0:d");
  CHECK(host->hostnames == std::vector<std::string>{"pudding"});
  // net-update decides what a fragment without ip= means (a delete by name)
  auto no_ip = vnet::xml::ParseDnsHost("<host><hostname>x</hostname></host>", "-");
  REQUIRE(no_ip.ok());
  CHECK_FALSE(no_ip->has_ip);

  auto srv = vnet::xml::ParseDnsSrv("<srv protocol='tcp'/>", "-");
  REQUIRE(srv.ok());
  CHECK(srv->protocol == "tcp");
  CHECK(srv->service.empty());
  auto bad_srv = vnet::xml::ParseDnsSrv("<srv service='a.b' protocol='tcp'/>", "-");
  REQUIRE_FALSE(bad_srv.ok());
  CHECK(bad_srv.error().message ==
        "invalid character in service attribute 'a.b' in DNS SRV record");
  auto port = vnet::xml::ParseDnsSrv("<srv service='s' protocol='tcp' port='80'/>", "-");
  REQUIRE_FALSE(port.ok());
  CHECK(port.error().message ==
        "DNS SRV port attribute not permitted without target for service 's'");

  auto txt = vnet::xml::ParseDnsTxt("<txt name='example' value='example value'/>", "-");
  REQUIRE(txt.ok());
  CHECK(txt->value == "example value");
  auto bad_txt = vnet::xml::ParseDnsTxt("<txt name='a b' value='v'/>", "-");
  REQUIRE_FALSE(bad_txt.ok());
  CHECK(bad_txt.error().message == "prohibited character in DNS TXT record name 'a b'");
}

TEST_CASE("fragment: forward interface") {
  auto iface = vnet::xml::ParseForwardInterface("<interface dev='eth47'/>", "-");
  REQUIRE(iface.ok());
  CHECK(iface->dev == "eth47");
  auto missing = vnet::xml::ParseForwardInterface("<interface/>", "-");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "XML error: missing dev attribute in <interface> element");
}

TEST_CASE("fragment: portgroup, and FormatPortgroup") {
  const std::string text =
      "<portgroup name='alice'>\n  <vlan trunk='yes'>\n    <tag id='888'/>\n    <tag "
      "id='808'/>\n  </vlan>\n  <virtualport>\n    <parameters profileid='alice-profile'/>\n  "
      "</virtualport>\n</portgroup>";
  auto pg = vnet::xml::ParsePortgroup(text, "-");
  REQUIRE(pg.ok());
  CHECK(pg->name == "alice");
  CHECK(pg->vlan->tags.size() == 2);
  CHECK(vnet::xml::FormatPortgroup(*pg) == text);
  auto unnamed = vnet::xml::ParsePortgroup("<portgroup/>", "-");
  REQUIRE_FALSE(unnamed.ok());
  CHECK(unnamed.error().message == "XML error: Missing required name attribute in portgroup");
}
