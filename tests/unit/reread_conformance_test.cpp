// What libvirt's network driver prints for a definition right after
// `net-define`, and after re-reading the file it saved
// (tests/conformance/vnetctl/reread/, recorded from libvirtd 9.0 by
// libvirt_oracle.sh). vnetctl stores the first and, reading its store on
// every command, prints the second: the text libvirt prints from its next
// restart on. They differ where libvirt saves a zero-rate <bandwidth> as an
// empty element that its parser then drops.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/validate/validate.h"
#include "core/xml/format.h"
#include "core/xml/parse.h"

namespace {

namespace fs = std::filesystem;

const fs::path kReread = fs::path(VNET_SOURCE_DIR) / "tests/conformance/vnetctl/reread";

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kReread)) {
    const std::string file = entry.path().filename().string();
    if (file.size() > 4 && file.ends_with(".xml") && !file.ends_with(".defined.xml") &&
        !file.ends_with(".reread.xml")) {
      names.push_back(file.substr(0, file.size() - 4));
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// What `vnetctl define` writes to the store for this text.
std::string Stored(const std::string& text, const std::string& source) {
  auto net = vnet::xml::ParseNetwork(text, source);
  REQUIRE_MESSAGE(net.ok(), source << ": " << net.error().Format());
  REQUIRE(vnet::ValidateNetwork(*net).empty());
  REQUIRE(vnet::FillDefinitionDefaults(*net, [](const std::string&) { return false; }).ok());
  vnet::xml::FormatOptions inactive;
  inactive.inactive = true;
  return vnet::xml::FormatNetwork(*net, inactive);
}

}  // namespace

TEST_CASE("reread: the store holds what libvirt saves, dumpxml prints what libvirt re-reads") {
  const std::vector<std::string> names = CaseNames();
  CHECK(names.size() >= 4);
  for (const std::string& name : names) {
    CAPTURE(name);
    const std::string stored = Stored(Slurp(kReread / (name + ".xml")), name + ".xml");
    // virsh ends what it prints with an empty line.
    CHECK(stored + "\n" == Slurp(kReread / (name + ".defined.xml")));
    const std::string reread = Stored(stored, "stored.xml");
    CHECK(reread + "\n" == Slurp(kReread / (name + ".reread.xml")));
    CHECK(Stored(reread, "reread.xml") == reread);
  }
}
