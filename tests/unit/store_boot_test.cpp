// Boot records: after a reboot (/run empty), an autostarted network with a
// boot record is active exactly when the live host has its bridge up; a
// network only started, or one whose bridge did not come back, is inactive.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "core/store/store.h"
#include "tests/unit/store_test_util.h"

namespace vnet {
namespace {

namespace fs = std::filesystem;
using testing::Slurp;
using testing::TempRoot;

constexpr const char* kUuidA = "11111111-2222-3333-4444-555555555555";
constexpr const char* kUuidB = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

// Reads <name>, <uuid> and <bridge name='...'/> only.
Result<Network> Parse(std::string_view text, const std::string&) {
  auto between = [&](std::string_view open, std::string_view close) {
    size_t a = text.find(open);
    if (a == std::string_view::npos) return std::string();
    a += open.size();
    return std::string(text.substr(a, text.find(close, a) - a));
  };
  Network net;
  net.name = between("<name>", "</name>");
  net.uuid = Uuid::Parse(between("<uuid>", "</uuid>"));
  std::string bridge = between("<bridge name='", "'");
  if (!bridge.empty()) {
    net.bridge.emplace();
    net.bridge->name = bridge;
  }
  return net;
}

std::string Doc(const std::string& name, const char* uuid) {
  return "<network><name>" + name + "</name><uuid>" + uuid + "</uuid><bridge name='br-" + name +
         "'/></network>\n";
}

Definition Def(const std::string& name, const char* uuid) {
  return Definition{name, *Uuid::Parse(uuid), Doc(name, uuid)};
}

struct Host {
  std::set<std::string> up;  // the bridges the live host has up
};

Store Open(const TempRoot& root, Host& host, bool lock = false) {
  StoreOptions opts;
  opts.root = root.path();
  opts.parser = Parse;
  opts.lock = lock;
  opts.came_up = [&host](const std::string& br) { return host.up.contains(br); };
  auto store = Store::Open(std::move(opts));
  REQUIRE(store.ok());
  return std::move(store).value();
}

// What a start with the files under /etc leaves, then a reboot: /run emptied.
void StartAutostartedThenReboot(const TempRoot& root, Host& host, const std::string& name,
                                const char* uuid) {
  Store store = Open(root, host);
  REQUIRE(store.Define(Def(name, uuid)).ok());
  REQUIRE(store.SetAutostart(name, true).ok());
  REQUIRE(store.SetLive(Def(name, uuid)).ok());
  REQUIRE(store.WriteStatus(name, "{\"placement\":\"persistent\"}").ok());
  REQUIRE(store.SetBootRecord(Def(name, uuid), "{\"placement\":\"persistent\"}").ok());
  fs::remove_all(root.At("run"));
}

TEST_CASE("after a reboot an autostarted network is active iff its bridge is up") {
  TempRoot root;
  Host host;
  StartAutostartedThenReboot(root, host, "a", kUuidA);
  {
    Store store = Open(root, host);
    auto a = store.LookupByName("a");
    REQUIRE(a.ok());
    CHECK_FALSE(a->active);  // the manager did not bring br-a back
    auto sums = store.Summaries();
    REQUIRE(sums.ok());
    CHECK_FALSE(sums->at(0).active);
  }
  host.up.insert("br-a");
  Store store = Open(root, host);
  auto a = store.LookupByName("a");
  REQUIRE(a.ok());
  CHECK(a->active);
  REQUIRE(a->live);
  CHECK(a->Bridge() == "br-a");
  auto list = store.List();
  REQUIRE(list.ok());
  CHECK(list->at(0).active);
  auto sums = store.Summaries();
  REQUIRE(sums.ok());
  CHECK(sums->at(0).active);
  CHECK(sums->at(0).live_bridge == "br-a");
  auto status = store.ReadStatus("a");
  REQUIRE(status.ok());
  CHECK(*status == std::optional<std::string>("{\"placement\":\"persistent\"}"));
  // Reading changed nothing under /run.
  CHECK_FALSE(fs::exists(root.At("run/vnetctl/networks/a.xml")));
}

TEST_CASE("a locked store gives a network active from its boot record its live files back") {
  TempRoot root;
  Host host{{"br-a"}};
  StartAutostartedThenReboot(root, host, "a", kUuidA);
  Store store = Open(root, host, /*lock=*/true);
  CHECK(Slurp(root.At("run/vnetctl/networks/a.xml")) == Doc("a", kUuidA));
  CHECK(Slurp(root.At("run/vnetctl/networks/a.json")) == "{\"placement\":\"persistent\"}");
}

TEST_CASE("no boot record counts without autostart, the same uuid, or a came_up probe") {
  TempRoot root;
  Host host{{"br-a"}};
  StartAutostartedThenReboot(root, host, "a", kUuidA);
  {
    Store store = Open(root, host);
    REQUIRE(store.SetAutostart("a", false).ok());
    CHECK_FALSE(store.LookupByName("a")->active);
    REQUIRE(store.SetAutostart("a", true).ok());
    REQUIRE(store.Undefine("a").ok());
    REQUIRE(store.Define(Def("a", kUuidB)).ok());  // another network of that name
    REQUIRE(store.SetAutostart("a", true).ok());
    CHECK_FALSE(store.LookupByName("a")->active);
  }
  StoreOptions opts;  // under --root: no probe of the live host
  opts.root = root.path();
  opts.parser = Parse;
  auto store = Store::Open(std::move(opts));
  REQUIRE(store.ok());
  CHECK_FALSE(store->LookupByName("a")->active);
}

TEST_CASE("ClearLive and a start under /run remove the boot record") {
  TempRoot root;
  Host host{{"br-a"}};
  StartAutostartedThenReboot(root, host, "a", kUuidA);
  Store store = Open(root, host);
  REQUIRE(store.SetBootRecord(Def("a", kUuidA), "").ok());
  CHECK_FALSE(fs::exists(root.At("var/lib/vnetctl/networks/a.xml")));
  CHECK_FALSE(fs::exists(root.At("var/lib/vnetctl/networks/a.json")));
  REQUIRE(store.SetBootRecord(Def("a", kUuidA), "{}").ok());
  REQUIRE(store.ClearLive("a").ok());
  CHECK_FALSE(fs::exists(root.At("var/lib/vnetctl/networks/a.xml")));
  CHECK_FALSE(store.LookupByName("a")->active);
}

}  // namespace
}  // namespace vnet
