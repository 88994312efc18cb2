#include "core/store/store.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/store_test_util.h"

namespace vnet {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUuidA = "11111111-2222-3333-4444-555555555555";
constexpr const char* kUuidB = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

using testing::Slurp;
using testing::TempRoot;

std::string Between(std::string_view text, std::string_view open, std::string_view close) {
  size_t a = text.find(open);
  if (a == std::string_view::npos) return "";
  a += open.size();
  size_t b = text.find(close, a);
  return std::string(text.substr(a, b - a));
}

// Stands in for the XML parser: reads <name> and <uuid> only; "BROKEN" fails.
Result<Network> FakeParse(std::string_view text, const std::string& source) {
  if (text.find("BROKEN") != std::string_view::npos) {
    return MakeError(ErrorKind::kInvalidInput, "XML error: broken", SourceLoc{source, 1, ""});
  }
  Network net;
  net.name = Between(text, "<name>", "</name>");
  std::string uuid = Between(text, "<uuid>", "</uuid>");
  if (!uuid.empty()) net.uuid = Uuid::Parse(uuid);
  return net;
}

std::string Doc(const std::string& name, const std::string& uuid) {
  return "<network>\n  <name>" + name + "</name>\n  <uuid>" + uuid + "</uuid>\n</network>\n";
}

Definition Def(const std::string& name, const std::string& uuid) {
  return Definition{name, *Uuid::Parse(uuid), Doc(name, uuid)};
}

StoreOptions Options(const TempRoot& root) {
  StoreOptions opts;
  opts.root = root.path();
  opts.parser = FakeParse;
  return opts;
}

void WriteText(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

Store OpenStore(const TempRoot& root) {
  auto store = Store::Open(Options(root));
  REQUIRE_MESSAGE(store.ok(), store.error().Format());
  return std::move(store).value();
}

TEST_CASE("a new store is created and seeded once") {
  TempRoot root;
  StoreOptions opts = Options(root);
  int calls = 0;
  opts.seed = [&calls]() -> Result<std::vector<Definition>> {
    ++calls;
    return std::vector<Definition>{Def("default", kUuidA)};
  };
  {
    auto store = Store::Open(opts);
    REQUIRE(store.ok());
    auto nets = store->List();
    REQUIRE(nets.ok());
    REQUIRE(nets->size() == 1);
    CHECK(nets->at(0).name == "default");
    CHECK(nets->at(0).persistent);
    CHECK_FALSE(nets->at(0).active);
    CHECK_FALSE(nets->at(0).autostart);
    REQUIRE(store->Undefine("default").ok());
  }
  CHECK(calls == 1);
  auto again = Store::Open(opts);
  REQUIRE(again.ok());
  CHECK(calls == 1);  // the directory exists: an undefined default stays undefined
  CHECK(again->List()->empty());
  CHECK_FALSE(fs::exists(root.At("etc/vnetctl/.networks.new")));
}

TEST_CASE("a failing seed leaves no store behind") {
  TempRoot root;
  StoreOptions opts = Options(root);
  opts.seed = []() -> Result<std::vector<Definition>> {
    return MakeError(ErrorKind::kSystem, "seed failed");
  };
  auto store = Store::Open(opts);
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().message == "seed failed");
  CHECK_FALSE(fs::exists(root.At("etc/vnetctl/networks")));
}

TEST_CASE("define writes the libvirt header, mode 0600, atomically") {
  TempRoot root;
  Store store = OpenStore(root);
  REQUIRE(store.Define(Def("net1", kUuidA)).ok());
  const std::string path = root.At("etc/vnetctl/networks/net1.xml");
  CHECK(Slurp(path) ==
        "<!--\n"
        "WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
        "OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n"
        "  vnetctl edit net1\n"
        "or other application using the libvirt API.\n"
        "-->\n"
        "\n" +
            Doc("net1", kUuidA));
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(root.At("etc/vnetctl/networks"))) {
    entries.push_back(e.path().filename().string());
  }
  CHECK(entries == std::vector<std::string>{"net1.xml"});  // no temporary file left
}

TEST_CASE("libvirt's name and uuid uniqueness") {
  TempRoot root;
  Store store = OpenStore(root);
  REQUIRE(store.Define(Def("a", kUuidA)).ok());
  Status same_uuid = store.Define(Def("b", kUuidA));
  REQUIRE_FALSE(same_uuid.ok());
  CHECK(same_uuid.error().kind == ErrorKind::kOperationInvalid);
  CHECK(same_uuid.error().message ==
        "operation failed: network 'a' is already defined with uuid " + std::string(kUuidA));
  Status same_name = store.Define(Def("a", kUuidB));
  REQUIRE_FALSE(same_name.ok());
  CHECK(same_name.error().message ==
        "operation failed: network 'a' already exists with uuid " + std::string(kUuidA));
  CHECK_FALSE(fs::exists(root.At("etc/vnetctl/networks/b.xml")));

  Definition replacement = Def("a", kUuidA);
  replacement.xml += "<!-- replaced -->\n";
  REQUIRE(store.Define(replacement).ok());
  CHECK(Slurp(root.At("etc/vnetctl/networks/a.xml")).find("replaced") != std::string::npos);
}

TEST_CASE("autostart links point at the in-root definition path") {
  TempRoot root;
  Store store = OpenStore(root);
  REQUIRE(store.Define(Def("a", kUuidA)).ok());
  REQUIRE(store.SetAutostart("a", true).ok());
  const std::string link = root.At("etc/vnetctl/networks/autostart/a.xml");
  CHECK(fs::read_symlink(link).string() == "/etc/vnetctl/networks/a.xml");
  CHECK(store.LookupByName("a")->autostart);
  REQUIRE(store.SetAutostart("a", true).ok());  // idempotent
  REQUIRE(store.SetAutostart("a", false).ok());
  CHECK_FALSE(fs::is_symlink(link));
  CHECK_FALSE(store.LookupByName("a")->autostart);

  fs::create_symlink("/etc/vnetctl/networks/other.xml", link);
  CHECK_FALSE(store.LookupByName("a")->autostart);  // points elsewhere
  fs::remove(link);
  fs::create_symlink(root.At("etc/vnetctl/networks/a.xml"), link);
  CHECK(store.LookupByName("a")->autostart);  // root-prefixed form
}

TEST_CASE("undefine removes the definition and its autostart link") {
  TempRoot root;
  Store store = OpenStore(root);
  REQUIRE(store.Define(Def("a", kUuidA)).ok());
  REQUIRE(store.SetAutostart("a", true).ok());
  REQUIRE(store.Undefine("a").ok());
  CHECK_FALSE(fs::exists(root.At("etc/vnetctl/networks/a.xml")));
  CHECK_FALSE(fs::is_symlink(root.At("etc/vnetctl/networks/autostart/a.xml")));
  Status again = store.Undefine("a");
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().kind == ErrorKind::kNotFound);
  CHECK(again.error().message == "Network not found: no network with matching name 'a'");
}

TEST_CASE("live files make networks active; transient ones cannot be undefined") {
  TempRoot root;
  Store store = OpenStore(root);
  REQUIRE(store.Define(Def("a", kUuidA)).ok());
  WriteText(root.At("run/vnetctl/networks/a.xml"), Doc("a", kUuidA));
  WriteText(root.At("run/vnetctl/networks/t.xml"), Doc("t", kUuidB));
  auto nets = store.List();
  REQUIRE(nets.ok());
  REQUIRE(nets->size() == 2);
  CHECK(nets->at(0).name == "a");
  CHECK(nets->at(0).active);
  CHECK(nets->at(0).persistent);
  CHECK(nets->at(1).name == "t");
  CHECK(nets->at(1).active);
  CHECK_FALSE(nets->at(1).persistent);
  Status undefine = store.Undefine("t");
  REQUIRE_FALSE(undefine.ok());
  CHECK(undefine.error().message ==
        "Requested operation is not valid: can't undefine transient network");
  Status autostart = store.SetAutostart("t", true);
  REQUIRE_FALSE(autostart.ok());
  CHECK(autostart.error().message ==
        "Requested operation is not valid: cannot set autostart for transient network");
  // libvirt keys live and persistent definitions by uuid as well.
  Status clash = store.Define(Def("x", kUuidB));
  REQUIRE_FALSE(clash.ok());
  CHECK(clash.error().message ==
        "operation failed: network 't' is already defined with uuid " + std::string(kUuidB));
}

TEST_CASE("lookup tries a 36-character argument as a uuid first") {
  TempRoot root;
  Store store = OpenStore(root);
  REQUIRE(store.Define(Def("a", kUuidA)).ok());
  REQUIRE(store.Define(Def(kUuidB, "99999999-2222-3333-4444-555555555555")).ok());
  CHECK(store.Lookup(kUuidA)->name == "a");
  CHECK(store.Lookup("a")->name == "a");
  CHECK(store.Lookup(kUuidB)->name == kUuidB);  // no such uuid: falls back to the name
  auto missing = store.Lookup("nosuch");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "Network not found: no network with matching name 'nosuch'");
  auto by_uuid = store.LookupByUuid("00000000-0000-0000-0000-000000000000");
  REQUIRE_FALSE(by_uuid.ok());
  CHECK(by_uuid.error().message ==
        "Network not found: no network with matching uuid '00000000-0000-0000-0000-000000000000'");
}

TEST_CASE("a symlinked definition file is never written through") {
  TempRoot root;
  Store store = OpenStore(root);
  const std::string victim = root.At("victim");
  WriteText(victim, "precious\n");
  fs::create_symlink(victim, root.At("etc/vnetctl/networks/a.xml"));
  Status status = store.Define(Def("a", kUuidA));
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message ==
        "refusing to write '" + root.At("etc/vnetctl/networks/a.xml") + "': it is a symbolic link");
  CHECK(Slurp(victim) == "precious\n");
}

TEST_CASE("a symlinked store directory is refused") {
  TempRoot root;
  fs::create_directories(root.At("elsewhere/networks"));
  fs::create_directories(root.At("etc"));
  fs::create_directory_symlink(root.At("elsewhere"), root.At("etc/vnetctl"));
  auto store = Store::Open(Options(root));
  REQUIRE_FALSE(store.ok());
  CHECK(store.error().message ==
        "refusing to use directory '" + root.At("etc/vnetctl") + "': it is a symbolic link");
}

TEST_CASE("names that are unsafe as file names are refused") {
  TempRoot root;
  Store store = OpenStore(root);
  for (std::string name : {"", ".hidden", "a/b", "a\nb"}) {
    Definition def = Def("x", kUuidA);
    def.name = name;
    Status status = store.Define(def);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message == "invalid network name '" + name + "'");
  }
}

TEST_CASE("unreadable files are skipped and reported") {
  TempRoot root;
  Store store = OpenStore(root);
  REQUIRE(store.Define(Def("good", kUuidA)).ok());
  WriteText(root.At("etc/vnetctl/networks/bad.xml"), "BROKEN");
  WriteText(root.At("etc/vnetctl/networks/wrong.xml"), Doc("other", kUuidB));
  WriteText(root.At("etc/vnetctl/networks/notes.txt"), "ignored");
  auto nets = store.List();
  REQUIRE(nets.ok());
  REQUIRE(nets->size() == 1);
  CHECK(nets->at(0).name == "good");
  REQUIRE(store.Warnings().size() == 2);
  CHECK(store.Warnings()[0].Format() ==
        root.At("etc/vnetctl/networks/bad.xml") + ":1: XML error: broken");
  CHECK(store.Warnings()[1].message == "internal error: Network config filename '" +
                                           root.At("etc/vnetctl/networks/wrong.xml") +
                                           "' does not match network name 'other'");
}

TEST_CASE("the store lock is held for the store's lifetime") {
  TempRoot root;
  StoreOptions opts = Options(root);
  opts.lock = true;
  const std::string lock_path = root.At("run/vnetctl/lock");
  {
    auto store = Store::Open(opts);
    REQUIRE(store.ok());
    int fd = open(lock_path.c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(fd >= 0);
    CHECK(flock(fd, LOCK_EX | LOCK_NB) == -1);  // flock locks are per open file
    CHECK(errno == EWOULDBLOCK);
    close(fd);
  }
  int fd = open(lock_path.c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  CHECK(flock(fd, LOCK_EX | LOCK_NB) == 0);
  close(fd);
}

}  // namespace
}  // namespace vnet
