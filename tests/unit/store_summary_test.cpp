// Store::Summaries: List()'s answer from a cache of unchanged files.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/store/store.h"
#include "tests/unit/store_test_util.h"

namespace vnet {
namespace {

namespace fs = std::filesystem;
using testing::Slurp;
using testing::TempRoot;

constexpr const char* kUuidA = "11111111-2222-3333-4444-555555555555";
constexpr const char* kUuidB = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
constexpr const char* kUuidC = "cccccccc-bbbb-cccc-dddd-eeeeeeeeeeee";

std::string Between(std::string_view text, std::string_view open, std::string_view close) {
  size_t a = text.find(open);
  if (a == std::string_view::npos) return "";
  a += open.size();
  return std::string(text.substr(a, text.find(close, a) - a));
}

// Reads <name>, <uuid> and <bridge name='…'/>; "BROKEN" fails. Counts calls.
int parses = 0;
Result<Network> FakeParse(std::string_view text, const std::string& source) {
  ++parses;
  if (text.find("BROKEN") != std::string_view::npos) {
    return MakeError(ErrorKind::kInvalidInput, "XML error: broken", SourceLoc{source, 1, ""});
  }
  Network net;
  net.name = Between(text, "<name>", "</name>");
  net.uuid = Uuid::Parse(Between(text, "<uuid>", "</uuid>"));
  std::string bridge = Between(text, "<bridge name='", "'");
  if (!bridge.empty()) {
    net.bridge.emplace();
    net.bridge->name = bridge;
  }
  return net;
}

std::string Doc(const std::string& name, const std::string& uuid, const std::string& bridge) {
  return "<network>\n  <name>" + name + "</name>\n  <uuid>" + uuid + "</uuid>\n  <bridge name='" +
         bridge + "'/>\n</network>\n";
}

void WriteText(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

Store Open(const TempRoot& root) {
  StoreOptions opts;
  opts.root = root.path();
  opts.parser = FakeParse;
  auto store = Store::Open(opts);
  REQUIRE_MESSAGE(store.ok(), store.error().Format());
  return std::move(store).value();
}

TEST_CASE("summaries say what List says: persistent, active, transient, autostart, bridge") {
  TempRoot root;
  Store store = Open(root);
  REQUIRE(store.Define(Definition{"a", *Uuid::Parse(kUuidA), Doc("a", kUuidA, "virbr1")}).ok());
  REQUIRE(store.Define(Definition{"b", *Uuid::Parse(kUuidB), Doc("b", kUuidB, "virbr2")}).ok());
  REQUIRE(store.SetAutostart("b", true).ok());
  // a is active on another bridge than its definition's; t is transient.
  WriteText(root.At("run/vnetctl/networks/a.xml"), Doc("a", kUuidA, "virbr9"));
  WriteText(root.At("run/vnetctl/networks/t.xml"), Doc("t", kUuidC, "virbr3"));
  WriteText(root.At("etc/vnetctl/networks/bad.xml"), "BROKEN");

  auto list = store.List();
  REQUIRE(list.ok());
  std::vector<Error> list_warnings = store.Warnings();
  auto sums = store.Summaries(true);
  REQUIRE(sums.ok());
  REQUIRE(sums->size() == list->size());
  for (size_t i = 0; i < sums->size(); ++i) {
    const NetworkSummary& s = sums->at(i);
    const StoredNetwork& l = list->at(i);
    CAPTURE(l.name);
    CHECK(s.name == l.name);
    CHECK(s.uuid == l.uuid);
    CHECK(s.persistent == l.persistent);
    CHECK(s.active == l.active);
    CHECK(s.autostart == l.autostart);
    CHECK(s.Bridge() == l.Bridge());
  }
  CHECK(sums->at(0).config_bridge == "virbr1");
  CHECK(sums->at(0).live_bridge == "virbr9");
  CHECK(sums->at(1).autostart);
  CHECK_FALSE(sums->at(2).persistent);
  REQUIRE(store.Warnings().size() == list_warnings.size());
  CHECK(store.Warnings()[0].Format() == list_warnings[0].Format());
}

TEST_CASE("unchanged files are not parsed again; changed and new ones are") {
  TempRoot root;
  Store store = Open(root);
  const std::string a = root.At("etc/vnetctl/networks/a.xml");
  const std::string b = root.At("etc/vnetctl/networks/b.xml");
  WriteText(a, Doc("a", kUuidA, "virbr1"));
  WriteText(b, Doc("b", kUuidB, "virbr2"));
  // Files changed in the last 2 s are parsed every time and never cached.
  parses = 0;
  REQUIRE(store.Summaries(true).ok());
  CHECK(parses == 2);
  CHECK_FALSE(fs::exists(root.At("run/vnetctl/summaries")));

  usleep(2'200'000);  // a ctime cannot be set back: wait until a and b are settled
  REQUIRE(store.Summaries().ok());  // only `list` writes the cache: others change no file
  CHECK_FALSE(fs::exists(root.At("run/vnetctl/summaries")));
  parses = 0;
  REQUIRE(store.Summaries(true).ok());
  CHECK(parses == 2);
  std::string cache = Slurp(root.At("run/vnetctl/summaries"));
  CHECK(cache.starts_with("vnetctl-summaries 1\n"));
  CHECK(cache.find("c/a.xml\t") != std::string::npos);
  CHECK(cache.find("\t" + std::string(kUuidB) + "\tvirbr2\n") != std::string::npos);

  parses = 0;
  auto again = store.Summaries(true);
  REQUIRE(again.ok());
  CHECK(parses == 0);  // both from the cache
  REQUIRE(again->size() == 2);
  CHECK(again->at(1).config_bridge == "virbr2");

  // Rewritten in place with the same size: the ctime changes, so it is read.
  WriteText(b, Doc("b", kUuidC, "virbr7"));
  parses = 0;
  auto changed = store.Summaries(true);
  REQUIRE(changed.ok());
  CHECK(parses == 1);
  CHECK(changed->at(1).uuid == *Uuid::Parse(kUuidC));
  CHECK(changed->at(1).config_bridge == "virbr7");

  // A removed file disappears, whatever the cache says.
  fs::remove(a);
  auto removed = store.Summaries(true);
  REQUIRE(removed.ok());
  REQUIRE(removed->size() == 1);
  CHECK(removed->at(0).name == "b");
}

TEST_CASE("a corrupt cache costs parsing, never a wrong answer") {
  TempRoot root;
  Store store = Open(root);
  WriteText(root.At("etc/vnetctl/networks/a.xml"), Doc("a", kUuidA, "virbr1"));
  for (const char* junk :
       {"", "vnetctl-summaries 1\nc/a.xml\t1\t2\n",
        "vnetctl-summaries 1\nc/a.xml\tx\t1\t1\t1\t" /* torn */, "other header\n"}) {
    WriteText(root.At("run/vnetctl/summaries"), junk);
    parses = 0;
    auto sums = store.Summaries(true);
    REQUIRE(sums.ok());
    CHECK(parses == 1);
    REQUIRE(sums->size() == 1);
    CHECK(sums->at(0).uuid == *Uuid::Parse(kUuidA));
  }
}

TEST_CASE("summaries work on a store without a run directory, and do not create it") {
  TempRoot root;
  {
    Store seeded = Open(root);  // creating the store takes the lock in run/
  }
  fs::remove_all(root.At("run"));
  Store store = Open(root);
  WriteText(root.At("etc/vnetctl/networks/a.xml"), Doc("a", kUuidA, "virbr1"));
  auto sums = store.Summaries(true);
  REQUIRE(sums.ok());
  CHECK(sums->size() == 1);
  CHECK_FALSE(fs::exists(root.At("run")));
}

}  // namespace
}  // namespace vnet
