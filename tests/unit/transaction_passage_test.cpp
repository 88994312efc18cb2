// core/apply/transaction.cpp with a recording runner and writer and a fake
// host whose iptables FORWARD policy drops: the passage is made before the
// network's own table, a failed verification takes it away again, destroy
// removes what the record names, and the boot unit carries it.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "backends/registry.h"
#include "core/apply/transaction.h"
#include "core/xml/parse.h"
#include "tests/unit/firewall_test_util.h"

namespace vnet {
namespace {

constexpr const char* kDockerLike = R"json({"nftables": [
    {"chain":{"family":"ip","table":"filter","name":"FORWARD","hook":"forward","policy":"drop"}}
]})json";

// A host that never changes: nothing of the network is there, and iptables'
// FORWARD drops.
class StillHost : public live::HostReader {
 public:
  Result<live::HostState> ReadKernel() override { return live::HostState{}; }
  Result<std::optional<std::string>> NftTable(const std::string&, const std::string&) override {
    return std::optional<std::string>();
  }
  Result<std::vector<live::FirewallChain>> FirewallChains() override {
    return live::ParseFirewallChains(kDockerLike);
  }
  std::optional<std::string> Sysctl(const std::string&) override { return "0"; }
  std::optional<bool> TxChecksum(const std::string&) override { return std::nullopt; }
  Result<std::vector<live::Listener>> Listeners(const std::vector<uint16_t>&) override {
    return std::vector<live::Listener>{};
  }
  std::optional<live::Process> ProcessFromPidFile(const std::string&) override {
    return std::nullopt;
  }
  Result<live::FileState> ReadFile(const std::string&) override { return live::FileState{}; }
};

Network Nat() {
  auto net = xml::ParseNetwork(
      "<network><name>n</name><forward mode='nat'/><bridge name='virbr0'/>"
      "<ip address='10.9.0.1' prefix='24'><dhcp><range start='10.9.0.2' end='10.9.0.9'/>"
      "</dhcp></ip></network>",
      "n.xml");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  return std::move(net).value();
}

Caps Persistent() {
  Caps caps;
  caps.placement = Placement::kPersistent;
  caps.manager = Version::Parse("252");
  return caps;
}

// Records what it writes, with the content.
class KeepingWriter : public apply::RecordingHostWriter {
 public:
  Status Write(const RenderedFile& f) override {
    written[f.path] = f.content;
    return RecordingHostWriter::Write(f);
  }
  std::map<std::string, std::string> written;
};

// The position of the first command whose argv contains all of `words`.
long Find(const std::vector<std::vector<std::string>>& cmds, std::vector<std::string> words) {
  for (size_t i = 0; i < cmds.size(); ++i) {
    bool all = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
      return std::find(cmds[i].begin(), cmds[i].end(), w) != cmds[i].end();
    });
    if (all) return static_cast<long>(i);
  }
  return -1;
}

TEST_CASE("transaction: the passage is made first, and rendered into the boot unit") {
  StillHost host;
  RecordingCommandRunner runner;
  KeepingWriter writer;
  apply::Env env{runner, host, writer, /*dry_run=*/true, "", std::chrono::milliseconds(0)};
  Network net = Nat();
  apply::Target t{&net, FindBackend("networkd"), Persistent(), nullptr};
  auto plan = apply::PlanConverge(env, t, {});
  REQUIRE(plan.ok());
  REQUIRE(plan->passages.size() == 1);
  CHECK(plan->passages[0].Chain() == "VNETCTL_FWD_virbr0");
  auto out = apply::Converge(env, t, {});
  REQUIRE_MESSAGE(out.ok(), out.error().Format());
  long jump = Find(runner.commands, {"-I", "FORWARD", "VNETCTL_FWD_virbr0"});
  long table = Find(runner.commands, {"/usr/sbin/nft", "-f"});
  REQUIRE(jump >= 0);
  REQUIRE(table >= 0);
  CHECK(jump < table);
  // The unit vnetctl writes makes it again at boot.
  const std::string& unit = writer.written["/etc/systemd/system/vnetctl-n.service"];
  CHECK(unit.find("ExecStartPre=-/usr/sbin/iptables-nft -w -I FORWARD 1 -j VNETCTL_FWD_virbr0\n") !=
        std::string::npos);
}

TEST_CASE("transaction: a failed start takes its passage away again") {
  StillHost host;  // never shows the bridge: verification fails
  RecordingCommandRunner runner;
  apply::RecordingHostWriter writer;
  apply::Env env{runner, host, writer, /*dry_run=*/false, "", std::chrono::milliseconds(0)};
  Network net = Nat();
  apply::Target t{&net, FindBackend("networkd"), Persistent(), nullptr};
  auto out = apply::Converge(env, t, {});
  REQUIRE_FALSE(out.ok());
  long made = Find(runner.commands, {"-I", "FORWARD", "VNETCTL_FWD_virbr0"});
  long removed = Find(runner.commands, {"-X", "VNETCTL_FWD_virbr0"});
  REQUIRE(made >= 0);
  // PassageUp's own -D (no duplicate jump) comes before its -I: look after it.
  std::vector<std::vector<std::string>> after(runner.commands.begin() + made + 1,
                                              runner.commands.end());
  CHECK(Find(after, {"-D", "FORWARD", "VNETCTL_FWD_virbr0"}) >= 0);
  CHECK(removed > made);
}

TEST_CASE("transaction: destroy removes the passages its record names") {
  StillHost host;
  RecordingCommandRunner runner;
  apply::RecordingHostWriter writer;
  apply::Env env{runner, host, writer, /*dry_run=*/true, "", std::chrono::milliseconds(0)};
  Network net = Nat();
  plan::NetworkStatus st;
  st.name = "n";
  st.backend = "networkd";
  st.bridge = "virbr0";
  st.passages = {"ip filter FORWARD", "not a chain"};
  auto done = apply::Destroy(env, *FindBackend("networkd"), net, st, false);
  REQUIRE(done.ok());
  CHECK(Find(runner.commands, {"-D", "FORWARD", "-j", "VNETCTL_FWD_virbr0"}) >= 0);
  CHECK(Find(runner.commands, {"-X", "VNETCTL_FWD_virbr0"}) >= 0);
  CHECK(Find(runner.commands, {"VNETCTL_INP_virbr0"}) < 0);  // not recorded, not touched
}

// A start killed after it made its passage: FORWARD jumps to vnetctl's chain.
class PassedHost : public StillHost {
 public:
  Result<std::vector<live::FirewallChain>> FirewallChains() override {
    live::FirewallChain c = testing::IptablesForwardDrop();
    c.jumps = {"VNETCTL_FWD_virbr0"};
    return std::vector<live::FirewallChain>{c};
  }
};

TEST_CASE("transaction: a killed start's reconstructed record names the passages it made") {
  RecordingCommandRunner runner;
  apply::RecordingHostWriter writer;
  Network net = Nat();
  apply::Target t{&net, FindBackend("networkd"), Persistent(), nullptr};
  PassedHost passed;
  apply::Env env{runner, passed, writer, /*dry_run=*/true, "", std::chrono::milliseconds(0)};
  auto made = apply::ReconstructStatus(env, t);
  REQUIRE_MESSAGE(made.ok(), made.error().Format());
  CHECK(made->bridge == "virbr0");
  CHECK(made->nft_table == "vnetctl_n");
  CHECK(made->passages == std::vector<std::string>{"ip filter FORWARD"});
  // so destroy takes it away
  auto done = apply::Destroy(env, *FindBackend("networkd"), net, *made, false);
  REQUIRE(done.ok());
  CHECK(Find(runner.commands, {"-X", "VNETCTL_FWD_virbr0"}) >= 0);
  StillHost none;  // no jump yet: nothing of that kind to take away
  apply::Env bare_env{runner, none, writer, /*dry_run=*/true, "", std::chrono::milliseconds(0)};
  auto bare = apply::ReconstructStatus(bare_env, t);
  REQUIRE(bare.ok());
  CHECK(bare->passages.empty());
}

}  // namespace
}  // namespace vnet
