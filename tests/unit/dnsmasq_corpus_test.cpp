// libvirt's networkxml2conf cases: every input parsed, rendered with
// libvirt's own paths (and no pid file, as libvirt's test), must give the
// expected .conf byte for byte below the header comment, and the expected
// .hostsfile exactly (none when the case has none). Then the real dnsmasq
// checks each rendered configuration.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "backends/common/dnsmasq.h"
#include "core/xml/parse.h"
#include "dnsmasq_nftables_support.h"

namespace vnet {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;

const fs::path kCorpus = VNET_CONFORMANCE_DIR;
constexpr size_t kConfCases = 21;
constexpr size_t kHeaderLines = 6;

/// A case whose expected output vnetctl deliberately does not reproduce:
/// `libvirt_line` is in libvirt's .conf right after `after`, and not in ours.
struct Deliberate {
  const char* reason;
  const char* after;
  const char* libvirt_line;
};

const std::map<std::string, Deliberate> kDeliberate = {
    {"dhcp6host-routed-network",
     {"static-only IPv4 DHCP is not authoritative (libvirt after 9.9.0): authoritative mode "
      "would answer clients that have no host entry",
      "dhcp-range=192.168.122.1,static\ndhcp-no-override\n", "dhcp-authoritative\n"}},
};

std::vector<std::string> ConfCases() {
  const auto cases = nlohmann::json::parse(ReadFile(kCorpus / "cases.json"));
  std::vector<std::string> out;
  for (const auto& c : cases.at("cases")) {
    if (c.at("family") == "networkxml2conf") out.push_back(c.at("case").get<std::string>());
  }
  return out;
}

Network Parse(const fs::path& path) {
  auto net = xml::ParseNetwork(ReadFile(path), path.string());
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  return *net;
}

// virdnsmasq.c builds the paths with virBufferEscapeString (XML escaping).
std::string XmlEscaped(const std::string& name) {
  std::string out;
  for (char c : name) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

DnsmasqPaths LibvirtPaths(const std::string& name) {
  const std::string base = "/var/lib/libvirt/dnsmasq/" + XmlEscaped(name);
  return {base + ".conf", base + ".hostsfile", base + ".addnhosts", "", ""};
}

// The first kHeaderLines lines are the comment that names the tool.
std::pair<std::string, std::string> SplitHeader(const std::string& conf) {
  size_t pos = 0;
  for (size_t i = 0; i < kHeaderLines && pos != std::string::npos; i++) {
    pos = conf.find('\n', pos);
    if (pos != std::string::npos) pos++;
  }
  REQUIRE(pos != std::string::npos);
  return {conf.substr(0, pos), conf.substr(pos)};
}

std::string OurHeader(const std::string& name) {
  return "##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
         "##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:\n"
         "##    vnetctl edit " +
         name +
         "\n## or other vnetctl commands (update, apply).\n##\n"
         "## dnsmasq conf file created by vnetctl\n";
}

// Applies a deliberate difference to libvirt's expectation, checking that
// libvirt's file really has the line where the table says.
std::string WithoutDeliberate(std::string expected, const Deliberate& d) {
  const std::string anchor = std::string(d.after) + d.libvirt_line;
  const size_t at = expected.find(anchor);
  REQUIRE_MESSAGE(at != std::string::npos, "libvirt's file no longer has: ", anchor);
  expected.erase(at + std::string(d.after).size(), std::string(d.libvirt_line).size());
  return expected;
}

TEST_CASE("dnsmasq: libvirt's networkxml2conf corpus") {
  const std::vector<std::string> cases = ConfCases();
  REQUIRE(cases.size() == kConfCases);
  size_t identical = 0, deliberate = 0, hostsfiles = 0;
  for (const std::string& name : cases) {
    CAPTURE(name);
    const fs::path base = kCorpus / "networkxml2confdata" / name;
    const Network net = Parse(base.string() + ".xml");
    auto config = RenderDnsmasq(net, LibvirtPaths(net.name));
    REQUIRE_MESSAGE(config.ok(), config.error().Format());

    const auto [our_header, our_body] = SplitHeader(config->conf);
    CHECK(our_header == OurHeader(net.name));
    std::string expected = SplitHeader(ReadFile(base.string() + ".conf")).second;
    if (auto d = kDeliberate.find(name); d != kDeliberate.end()) {
      MESSAGE("deliberate difference in ", name, ": ", std::string(d->second.reason));
      expected = WithoutDeliberate(expected, d->second);
      deliberate++;
    } else {
      identical += expected == our_body;
    }
    CHECK(our_body == expected);

    const fs::path hostsfile = base.string() + ".hostsfile";
    if (fs::exists(hostsfile)) {
      CHECK(config->hostsfile == ReadFile(hostsfile));
      hostsfiles += config->hostsfile == ReadFile(hostsfile);
    } else {
      CHECK(config->hostsfile.empty());
    }
  }
  MESSAGE(identical, " of ", cases.size(), " .conf identical to libvirt's below the header, ",
          deliberate, " with a listed deliberate difference; ", hostsfiles,
          " .hostsfile identical");
  CHECK(identical + deliberate == kConfCases);
  CHECK(deliberate == kDeliberate.size());
}

// Options copied verbatim from <dnsmasq:options> that are not dnsmasq
// options at all: libvirt's test data uses a made-up "foo=bar".
const std::map<std::string, std::string> kBogusOptions = {{"dnsmasq-options", "foo=bar"}};

struct DnsmasqRun {
  testing::ToolResult result;
  std::string conf;
};

DnsmasqRun RunDnsmasqTest(const Network& net) {
  testing::TempDir dir;
  const std::string stem = (dir.path() / "net").string();
  const DnsmasqPaths paths{stem + ".conf", stem + ".hostsfile", stem + ".addnhosts", "", ""};
  auto config = RenderDnsmasq(net, paths);
  REQUIRE_MESSAGE(config.ok(), config.error().Format());
  testing::WriteFile(paths.conf, config->conf);
  testing::WriteFile(paths.hostsfile, config->hostsfile);
  testing::WriteFile(paths.addnhosts, config->addnhosts);
  return {testing::RunTool({kDnsmasqBinary, "--test", "--conf-file=" + paths.conf}), config->conf};
}

size_t LineOf(const std::string& text, const std::string& line) {
  const size_t at = ("\n" + text).find("\n" + line + "\n");
  REQUIRE(at != std::string::npos);
  return static_cast<size_t>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
}

// dnsmasq must refuse exactly the bogus line, and accept the rest.
void CheckBogusOption(Network net, const std::string& bogus) {
  const DnsmasqRun run = RunDnsmasqTest(net);
  CHECK(run.result.exit_status != 0);
  CHECK(run.result.output.find("bad option at line " + std::to_string(LineOf(run.conf, bogus))) !=
        std::string::npos);
  std::erase(net.dnsmasq_options, bogus);
  const DnsmasqRun without = RunDnsmasqTest(net);
  CHECK_MESSAGE(without.result.exit_status == 0, without.result.output);
}

TEST_CASE("dnsmasq --test accepts the configuration of every networkxml2conf case") {
  testing::RequireTool(kDnsmasqBinary);
  size_t accepted = 0;
  for (const std::string& name : ConfCases()) {
    CAPTURE(name);
    const Network net = Parse((kCorpus / "networkxml2confdata" / (name + ".xml")).string());
    if (auto bogus = kBogusOptions.find(name); bogus != kBogusOptions.end()) {
      CheckBogusOption(net, bogus->second);
      continue;
    }
    const DnsmasqRun run = RunDnsmasqTest(net);
    CHECK_MESSAGE(run.result.exit_status == 0, run.result.output);
    accepted += run.result.exit_status == 0;
  }
  MESSAGE("dnsmasq --test accepted ", accepted, " of ", kConfCases,
          " corpus configurations as is, ", kBogusOptions.size(),
          " only without the corpus's made-up option");
  CHECK(accepted + kBogusOptions.size() == kConfCases);
}

}  // namespace
}  // namespace vnet
