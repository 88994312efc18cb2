// The real nft accepts every ruleset vnetctl renders. Everything runs inside
// a fresh network namespace (`unshare -n`), so the host's rules are never
// touched: `nft -c -f` checks a file; loading it twice there proves the
// file replaces its own table; the removal file works with and without it.
#include <doctest/doctest.h>

#include <utility>

#include "backends/common/nftables.h"
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

constexpr const char* kUnshare = "/usr/bin/unshare";
constexpr const char* kNft = "/usr/sbin/nft";
constexpr const char* kSh = "/bin/sh";

std::vector<std::pair<std::string, Network>> Variants() {
  std::vector<std::pair<std::string, Network>> out;
  out.emplace_back("default", DefaultNetwork());

  Network isolated = DefaultNetwork();
  isolated.forward.reset();
  isolated.ips.push_back(MakeIp("fd00:1::1", 64));
  out.emplace_back("isolated", isolated);

  Network routed = MakeNetwork("lab:routed.1", ForwardMode::kRoute, "virbr-lab.1");
  routed.forward->interfaces.push_back(ForwardInterface{"eth1", {}});
  routed.ips.push_back(MakeIp("192.168.50.1", 24));
  routed.ips.push_back(MakeIp("2001:db8:50::1", 64));
  out.emplace_back("route with IPv6 and a forward dev", routed);

  Network nat6 = DefaultNetwork();
  nat6.ips.push_back(
      WithRange(MakeIp("2001:db8:ca2:2::1", 64), "2001:db8:ca2:2:1::10", "2001:db8:ca2:2:1::ff"));
  out.emplace_back("nat with routed IPv6", nat6);
  nat6.forward->nat = ForwardNat{};
  nat6.forward->nat->ipv6 = true;
  out.emplace_back("nat with masqueraded IPv6", nat6);

  Network snat = DefaultNetwork();
  snat.ips[0].tftp_root = "/srv/tftp";
  snat.forward->interfaces.push_back(ForwardInterface{"eth0", {}});
  snat.forward->nat = ForwardNat{};
  snat.forward->nat->address = NatAddressRange{Addr("203.0.113.10"), Addr("203.0.113.20"), {}};
  snat.forward->nat->port = NatPortRange{2000, 3000, {}};
  out.emplace_back("nat with snat range, ports, dev and tftp", snat);
  return out;
}

void CheckLoads(const std::string& rules, const std::string& table) {
  TempDir dir;
  const std::string file = (dir.path() / "rules.nft").string();
  WriteFile(file, rules);
  testing::ToolResult check = RunTool({kUnshare, "-n", kNft, "-c", "-f", file});
  CHECK_MESSAGE(check.exit_status == 0, check.output);
  // Twice in one namespace: the second load must replace, not fail or duplicate.
  testing::ToolResult twice =
      RunTool({kUnshare, "-n", kSh, "-c",
               "nft -f \"$1\" && nft -f \"$1\" && nft list table inet \"$2\" | grep -c reject",
               "sh", file, table});
  CHECK_MESSAGE(twice.exit_status == 0, twice.output);
  CHECK(twice.output == "2\n");  // each catch-all reject exactly once
}

TEST_CASE("nftables: nft -c accepts every rendered ruleset, and loading twice is safe" *
          doctest::test_suite("root")) {
  RequireTool(kUnshare);
  RequireTool(kNft);
  int checked = 0;
  for (const auto& [label, net] : Variants()) {
    CAPTURE(label);
    auto rules = RenderNftRuleset(net);
    REQUIRE_MESSAGE(rules.ok(), rules.error().Format());
    REQUIRE_FALSE(rules->empty());
    CheckLoads(*rules, *NftTableName(net.name));
    checked++;
  }
  MESSAGE("nft accepted ", checked, " rendered rulesets");
  CHECK(checked == 6);
}

TEST_CASE("nftables: the removal file works whether or not the table exists" *
          doctest::test_suite("root")) {
  RequireTool(kUnshare);
  RequireTool(kNft);
  TempDir dir;
  const std::string rules = (dir.path() / "rules.nft").string();
  const std::string remove = (dir.path() / "remove.nft").string();
  WriteFile(rules, *RenderNftRuleset(DefaultNetwork()));
  WriteFile(remove, *RenderNftDelete("default"));
  testing::ToolResult result = RunTool(
      {kUnshare, "-n", kSh, "-c",
       "nft -f \"$2\" && nft -f \"$1\" && nft -f \"$2\" && nft list tables", "sh", rules, remove});
  CHECK_MESSAGE(result.exit_status == 0, result.output);
  CHECK(result.output.empty());
}

}  // namespace
}  // namespace vnet
