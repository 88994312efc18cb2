// libFuzzer: net-update fragments. The first byte picks the section and the
// command, the rest is the fragment, applied to libvirt's default network
// (with a static host, a DNS host, TXT and SRV records and a portgroup, so
// that delete and modify find something). Nothing may crash; an update that
// succeeds yields a definition that validates and round-trips through the
// formatter and the parser, as `update --config` stores it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/update/update.h"
#include "core/validate/validate.h"
#include "core/xml/format.h"
#include "core/xml/parse.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

const char kBase[] = R"(<network>
  <name>default</name>
  <uuid>0f2a4b6c-8d0e-4f1a-9b3c-5d7e9f1a3b5c</uuid>
  <forward mode='nat' dev='eth0'><interface dev='eth0'/></forward>
  <bridge name='virbr0'/>
  <mac address='52:54:00:0a:0b:0c'/>
  <domain name='example.test'/>
  <dns>
    <txt name='info' value='example'/>
    <srv service='ldap' protocol='tcp' target='dir.example.test' port='389'/>
    <host ip='192.168.122.2'><hostname>dir</hostname></host>
  </dns>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
      <host mac='52:54:00:00:00:01' name='h1' ip='192.168.122.10'/>
    </dhcp>
  </ip>
  <ip family='ipv6' address='fd00::1' prefix='64'>
    <dhcp><range start='fd00::100' end='fd00::1ff'/></dhcp>
  </ip>
  <portgroup name='pg' default='yes'/>
</network>
)";

const vnet::Network& Base() {
  static const vnet::Network net = [] {
    auto parsed = vnet::xml::ParseNetwork(kBase, "base.xml");
    if (!parsed.ok()) std::abort();
    return std::move(parsed).value();
  }();
  return net;
}

constexpr vnet::UpdateSection kSections[] = {
    vnet::UpdateSection::kBridge,
    vnet::UpdateSection::kDomain,
    vnet::UpdateSection::kIp,
    vnet::UpdateSection::kIpDhcpHost,
    vnet::UpdateSection::kIpDhcpRange,
    vnet::UpdateSection::kForward,
    vnet::UpdateSection::kForwardInterface,
    vnet::UpdateSection::kForwardPf,
    vnet::UpdateSection::kPortgroup,
    vnet::UpdateSection::kDnsHost,
    vnet::UpdateSection::kDnsTxt,
    vnet::UpdateSection::kDnsSrv,
};
constexpr vnet::UpdateCommand kCommands[] = {
    vnet::UpdateCommand::kAddFirst, vnet::UpdateCommand::kAddLast, vnet::UpdateCommand::kDelete,
    vnet::UpdateCommand::kModify};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  vnet::UpdateRequest req;
  req.section = kSections[data[0] % std::size(kSections)];
  req.command = kCommands[(data[0] / std::size(kSections)) % std::size(kCommands)];
  req.parent_index = static_cast<int>(data[1] % 4) - 1;
  req.xml.assign(reinterpret_cast<const char*>(data + 2), size - 2);
  req.source = "fragment.xml";
  // The fragment parsers on their own, as net-update's first step.
  (void)vnet::xml::ParseDhcpHost(req.xml, req.source);
  (void)vnet::xml::ParseDhcpRange(req.xml, req.source);
  (void)vnet::xml::ParseDnsHost(req.xml, req.source);
  (void)vnet::xml::ParseDnsSrv(req.xml, req.source);
  (void)vnet::xml::ParseDnsTxt(req.xml, req.source);
  (void)vnet::xml::ParseForwardInterface(req.xml, req.source);
  (void)vnet::xml::ParsePortgroup(req.xml, req.source);
  auto updated = vnet::UpdateNetwork(Base(), req);
  if (!updated.ok()) return 0;
  vnet::xml::FormatOptions inactive;
  inactive.inactive = true;
  const std::string once = vnet::xml::FormatNetwork(*updated, inactive);
  auto again = vnet::xml::ParseNetwork(once, "updated.xml");
  FUZZ_CHECK(again.ok(), "an updated definition does not parse back", once);
  FUZZ_CHECK(vnet::xml::FormatNetwork(*again, inactive) == once,
             "an updated definition changes through format -> parse", once);
  return 0;
}
