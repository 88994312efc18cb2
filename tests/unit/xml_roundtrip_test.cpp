// Round trip of libvirt's own conformance corpus: parse every
// networkxml2xmlin document and format it back to libvirt's exact bytes.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/xml/format.h"
#include "core/xml/parse.h"

namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = VNET_CONFORMANCE_DIR;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

nlohmann::json Cases() {
  REQUIRE_MESSAGE(fs::is_directory(kCorpus), "conformance corpus missing: " << kCorpus.string());
  return nlohmann::json::parse(ReadFile(kCorpus / "cases.json"))["cases"];
}

std::vector<fs::path> XmlFilesIn(const fs::path& dir) {
  REQUIRE_MESSAGE(fs::is_directory(dir), "missing corpus directory " << dir.string());
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".xml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ParseAndFormat(const std::string& text, const std::string& source) {
  auto net = vnet::xml::ParseNetwork(text, source);
  REQUIRE_MESSAGE(net.ok(), source << ": " << net.error().Format());
  return vnet::xml::FormatNetwork(*net);
}

}  // namespace

TEST_CASE("networkxml2xml: every OK case round-trips to libvirt's exact bytes") {
  int total = 0;
  int passed = 0;
  for (const auto& c : Cases()) {
    if (c["family"] != "networkxml2xml" || c["expect"] != "OK") continue;
    ++total;
    const std::string input = c["inputs"][0];
    const std::string expected_file = c["expected"][0];
    CAPTURE(input);
    vnet::xml::FormatOptions options;
    options.inactive = c.value("format_flags", "0") != "0";
    auto net = vnet::xml::ParseNetwork(ReadFile(kCorpus / input), input);
    REQUIRE_MESSAGE(net.ok(), input << ": " << net.error().Format());
    const std::string got = vnet::xml::FormatNetwork(*net, options);
    const std::string expected = ReadFile(kCorpus / expected_file);
    CHECK(got == expected);
    if (got == expected) ++passed;
  }
  MESSAGE(passed << " of " << total << " round-trip cases match byte for byte");
  CHECK(total >= 30);
  CHECK(passed == total);
}

TEST_CASE("networkxml2xml: PARSE_FAIL inputs still parse (validation rejects them)") {
  int count = 0;
  for (const auto& c : Cases()) {
    if (c["family"] != "networkxml2xml" || c["expect"] != "PARSE_FAIL") continue;
    const std::string input = c["inputs"][0];
    CAPTURE(input);
    auto net = vnet::xml::ParseNetwork(ReadFile(kCorpus / input), input);
    CHECK_MESSAGE(net.ok(), (net.ok() ? "" : net.error().Format()));
    ++count;
  }
  CHECK(count == 3);
}

TEST_CASE("every corpus <network> input parses and formatting is a fixed point") {
  std::vector<fs::path> files;
  for (const char* dir : {"networkxml2xmlin", "networkxml2confdata", "networkxml2firewalldata",
                          "networkxml2xmlout", "networkxml2xmlupdateout"}) {
    for (const fs::path& f : XmlFilesIn(kCorpus / dir)) files.push_back(f);
  }
  CHECK(files.size() >= 60);
  for (const fs::path& file : files) {
    const std::string source = file.string();
    CAPTURE(source);
    const std::string once = ParseAndFormat(ReadFile(file), source);
    const std::string twice = ParseAndFormat(once, source);
    CHECK(once == twice);
  }
}

// libvirt keeps a static host's MAC as written (virNetworkDHCPHostDef's mac
// is the attribute's string): upper case and one-digit groups come back as
// they went in; the network's own <mac> is a parsed address, lower case.
TEST_CASE("a DHCP host's MAC comes back as written, the bridge's in lower case") {
  const std::string in =
      "<network>\n  <name>m</name>\n  <mac address='52:54:00:AB:CD:EF'/>\n"
      "  <ip address='10.0.0.1' prefix='24'>\n    <dhcp>\n"
      "      <host mac='2A:C3:0:B:cd:01' ip='10.0.0.5'/>\n    </dhcp>\n  </ip>\n</network>\n";
  auto net = vnet::xml::ParseNetwork(in, "m.xml");
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  const std::string out = vnet::xml::FormatNetwork(*net);
  CHECK(out.find("<host mac='2A:C3:0:B:cd:01' ip='10.0.0.5'/>") != std::string::npos);
  CHECK(out.find("<mac address='52:54:00:ab:cd:ef'/>") != std::string::npos);
  CHECK(net->ips[0].dhcp->hosts[0].mac->ToString() == "2a:c3:00:0b:cd:01");
}
