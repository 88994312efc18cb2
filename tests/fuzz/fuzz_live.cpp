// libFuzzer: the parsers of what vnetctl reads from the live host and from
// its own records: dnsmasq's lease file, /proc/net/{udp,tcp}[6], pid files,
// the host's firewall (nft's JSON ruleset, iptables-legacy-save) and the
// status record. Anything may come in; nothing may crash, and a status
// record that reads must write back to a record that reads the same.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/live/firewall.h"
#include "core/live/leases.h"
#include "core/live/processes.h"
#include "core/live/sockets.h"
#include "core/plan/status.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)vnet::live::ParseDnsmasqLeases(text);
  (void)vnet::live::ParseProcNet(text, vnet::Family::kIpv4);
  (void)vnet::live::ParseProcNet(text, vnet::Family::kIpv6);
  (void)vnet::live::ParsePid(text);
  (void)vnet::live::ParseFirewallChains(text);
  (void)vnet::live::ParseIptablesSave(text, false);
  auto status = vnet::plan::StatusFromJson(text, "fuzz.json");
  if (status.ok()) {
    const std::string json = vnet::plan::StatusToJson(*status);
    auto again = vnet::plan::StatusFromJson(json, "again.json");
    FUZZ_CHECK(again.ok(), "a status record written back does not read", json);
    FUZZ_CHECK(vnet::plan::StatusToJson(*again) == json, "a status record is not stable", json);
  }
  return 0;
}
