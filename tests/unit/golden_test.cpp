// Golden trees: for every case in tests/golden/<case>/input.xml and every
// examples/*.xml, each backend's rendering must equal the committed tree
// tests/golden/<case>/expected/<backend>/ (file contents at their real
// paths) plus <backend>.manifest (mode and symlink of every file), or
// <backend>.error when the backend refuses the network.
// VNETCTL_REGENERATE=1 rewrites the expectations for review.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "backends/registry.h"
#include "core/validate/validate.h"
#include "core/xml/parse.h"

namespace {

namespace fs = std::filesystem;
const fs::path kSource = VNET_SOURCE_DIR;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void Spit(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// The versions of Debian 12, which the golden files describe.
vnet::Caps DebianCaps(std::string_view backend) {
  vnet::Caps caps;
  caps.placement = vnet::Placement::kPersistent;
  caps.dnsmasq = vnet::Version{2, 90, 0};
  if (backend == "networkmanager") caps.manager = vnet::Version{1, 42, 4};
  if (backend == "networkd") caps.manager = vnet::Version{252, 0, 0};
  if (backend == "netplan") caps.manager = vnet::Version{0, 106, 0};
  if (backend == "ifupdown") caps.manager = vnet::Version{0, 8, 41};
  return caps;
}

std::string Manifest(const vnet::Rendering& r) {
  std::string m;
  for (const auto& f : r.files) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", f.mode);
    m += f.symlink_target.empty() ? std::string(mode) + " " + f.path + "\n"
                                  : "link " + f.path + " -> " + f.symlink_target + "\n";
  }
  for (const auto& w : r.warnings) m += "warning " + w + "\n";
  return m;
}

struct Case {
  std::string name;
  fs::path input;
  fs::path dir;
};

std::vector<Case> Cases() {
  std::vector<Case> cases;
  for (const auto& e : fs::directory_iterator(kSource / "tests/golden")) {
    cases.push_back({e.path().filename().string(), e.path() / "input.xml", e.path()});
  }
  // Every example must have its case (tests/golden/example-NAME/input.xml is a
  // link to examples/NAME.xml), so a new example cannot go unrendered.
  for (const auto& e : fs::directory_iterator(kSource / "examples")) {
    if (e.path().extension() != ".xml") continue;
    fs::path link = kSource / "tests/golden" / ("example-" + e.path().stem().string()) / "input.xml";
    CHECK_MESSAGE(fs::exists(link), "no golden case for " << e.path().string());
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

// Compares (or rewrites) one backend's expectation; returns true on a match.
bool CheckBackend(const Case& c, const vnet::Backend& b, const vnet::Network& net, bool regen) {
  fs::path tree = c.dir / "expected" / std::string(b.Name());
  fs::path manifest = c.dir / "expected" / (std::string(b.Name()) + ".manifest");
  fs::path error = c.dir / "expected" / (std::string(b.Name()) + ".error");
  auto r = b.Render(net, DebianCaps(b.Name()));
  if (regen) {
    fs::remove_all(tree);
    fs::remove(manifest);
    fs::remove(error);
    if (!r.ok()) {
      Spit(error, r.error().Format() + "\n");
      return true;
    }
    Spit(manifest, Manifest(*r));
    for (const auto& f : r->files) {
      if (f.symlink_target.empty()) Spit(tree / fs::path(f.path).relative_path(), f.content);
    }
    return true;
  }
  if (!r.ok()) {
    CHECK_MESSAGE(fs::exists(error), b.Name() << " refused " << c.name << ": " << r.error().Format());
    CHECK(Slurp(error) == r.error().Format() + "\n");
    return fs::exists(error) && Slurp(error) == r.error().Format() + "\n";
  }
  bool ok = fs::exists(manifest) && Slurp(manifest) == Manifest(*r);
  CHECK_MESSAGE(ok, "manifest differs: " << manifest.string());
  size_t files = 0;
  for (const auto& f : r->files) {
    if (!f.symlink_target.empty()) continue;
    ++files;
    fs::path want = tree / fs::path(f.path).relative_path();
    bool same = fs::exists(want) && Slurp(want) == f.content;
    CHECK_MESSAGE(same, "content differs: " << want.string());
    ok = ok && same;
  }
  // No stale expected file may hide a file the backend stopped writing.
  size_t on_disk = 0;
  if (fs::exists(tree)) {
    for (const auto& e : fs::recursive_directory_iterator(tree)) on_disk += e.is_regular_file();
  }
  CHECK(on_disk == files);
  return ok && on_disk == files;
}

}  // namespace

TEST_CASE("golden trees: every case, every backend, exact files") {
  const bool regen = std::getenv("VNETCTL_REGENERATE") != nullptr;
  std::map<std::string, int> passed;
  int cases = 0;
  for (const Case& c : Cases()) {
    CAPTURE(c.name);
    REQUIRE_MESSAGE(fs::exists(c.input), "missing " << c.input.string());
    auto net = vnet::xml::ParseNetwork(Slurp(c.input), c.input.string());
    REQUIRE_MESSAGE(net.ok(), net.error().Format());
    auto errors = vnet::ValidateNetwork(*net);
    REQUIRE_MESSAGE(errors.empty(), errors.front().Format());
    ++cases;
    for (const vnet::Backend* b : vnet::AllBackends()) {
      if (CheckBackend(c, *b, *net, regen)) ++passed[std::string(b->Name())];
    }
  }
  for (const auto& [backend, n] : passed) {
    MESSAGE("golden: " << backend << " " << n << " of " << cases << " cases match");
    CHECK(n == cases);
  }
  CHECK(cases >= 17);
  CHECK(passed.size() == 4);
}
