// NftTable against the real kernel: a table loaded with `nft -f` in a private
// network namespace is listed back through libnftables.
#include <doctest/doctest.h>

#include "core/live/host_reader.h"
#include "core/live/nftables.h"
#include "live_test_util.h"

namespace vnet::live {
namespace {

constexpr const char* kRuleset = R"(table inet vnet_live_test {
  chain input {
    type filter hook input priority 0; policy accept;
    udp dport { 53, 67 } accept
    iifname "vbr0" counter drop
  }
}
)";

// nft's canonical, stateless rendering of kRuleset (tabs, priority name,
// sorted set, counters without their values).
constexpr const char* kCanonical = R"(table inet vnet_live_test {
	chain input {
		type filter hook input priority filter; policy accept;
		udp dport { 53, 67 } accept
		iifname "vbr0" counter drop
	}
}
)";

struct NftAnswers {
  Result<std::optional<std::string>> before = MakeError(ErrorKind::kSystem, "not run");
  Result<std::optional<std::string>> after = MakeError(ErrorKind::kSystem, "not run");
  Result<std::optional<std::string>> other_family = MakeError(ErrorKind::kSystem, "not run");
};

TEST_CASE("live nftables: a missing table is nullopt, a loaded one its canonical text" *
          doctest::test_suite("root")) {
  live_testing::RequireRootAndTools();
  NftAnswers answers;
  std::string error = live_testing::InPrivateNetns([&] {
    auto reader = MakeSystemHostReader();
    answers.before = reader->NftTable("inet", "vnet_live_test");
    std::string load_error = live_testing::Run({live_testing::kNft, "-f", "-"}, kRuleset);
    answers.after = reader->NftTable("inet", "vnet_live_test");
    answers.other_family = reader->NftTable("ip", "vnet_live_test");
    return load_error;
  });
  REQUIRE_MESSAGE(error.empty(), error);
  REQUIRE(answers.before.ok());
  CHECK_FALSE(answers.before->has_value());
  REQUIRE(answers.after.ok());
  REQUIRE(answers.after->has_value());
  CHECK(**answers.after == kCanonical);
  REQUIRE(answers.other_family.ok());
  CHECK_FALSE(answers.other_family->has_value());
}

TEST_CASE("live nftables: family and name are checked before any command is built") {
  CHECK(ValidNftTableRef("inet", "libvirt_network"));
  CHECK(ValidNftTableRef("ip6", "a.b/c-d_9"));
  CHECK_FALSE(ValidNftTableRef("bridge", "x"));
  CHECK_FALSE(ValidNftTableRef("inet", ""));
  CHECK_FALSE(ValidNftTableRef("inet", "x; flush ruleset"));
  CHECK_FALSE(ValidNftTableRef("inet", "x\n"));
  Result<std::optional<std::string>> bad = ListNftTable("inet", "x; flush ruleset");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == ErrorKind::kInvalidInput);
}

}  // namespace
}  // namespace vnet::live
