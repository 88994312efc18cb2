// libvirt's networkxml2firewall cases: for each input, every iptables rule
// libvirt 9.9.0 adds (the .args expectation) must have its nftables
// counterpart in vnetctl's ruleset, and vnetctl's ruleset must hold nothing
// else. Then the real nft checks the rulesets of those inputs and of every
// nat / route / isolated input of the networkxml2conf cases.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "backends/common/nftables.h"
#include "core/xml/parse.h"
#include "dnsmasq_nftables_support.h"

namespace vnet {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;

const fs::path kCorpus = VNET_CONFORMANCE_DIR;
constexpr size_t kFirewallCases = 5;

std::vector<fs::path> CaseInputs(const std::string& family) {
  const auto cases = nlohmann::json::parse(ReadFile(kCorpus / "cases.json"));
  std::vector<fs::path> out;
  for (const auto& c : cases.at("cases")) {
    if (c.at("family") == family) out.push_back(kCorpus / c.at("inputs").at(0).get<std::string>());
  }
  return out;
}

Network Parse(const fs::path& path) {
  auto net = xml::ParseNetwork(ReadFile(path), path.string());
  REQUIRE_MESSAGE(net.ok(), net.error().Format());
  return *net;
}

/// One iptables/ip6tables invocation of an .args file, by option.
struct IptRule {
  std::string family;  // "ip" / "ip6"
  std::map<std::string, std::string> opt;
  bool negated_destination = false;
};

std::vector<IptRule> ReadArgs(const fs::path& path) {
  std::string text = ReadFile(path);
  for (size_t at; (at = text.find(" \\\n")) != std::string::npos;) text.replace(at, 3, " ");
  std::vector<IptRule> rules;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string word;
    words >> word;
    IptRule rule{word == "ip6tables" ? "ip6" : "ip", {}, false};
    bool negate = false;
    while (words >> word) {
      if (word == "'!'") {
        negate = true;
      } else if (word.rfind("-", 0) == 0 && word != "-w") {
        std::string value;
        if (word != "--checksum-fill") words >> value;
        if (word == "-p") word = "--protocol";
        if (word == "--destination" && negate) rule.negated_destination = true;
        if (word == "--match") words >> value >> value;  // "conntrack --ctstate X"
        rule.opt[word] = value;
        negate = false;
      }
    }
    rules.push_back(rule);
  }
  return rules;
}

std::string Q(const std::string& name) { return "\"" + name + "\""; }

std::string Opt(const IptRule& r, const std::string& name, const std::string& prefix) {
  auto it = r.opt.find(name);
  return it == r.opt.end() ? "" : prefix + Q(it->second) + " ";
}

// The nft rule that does what one libvirt iptables rule does ("" if none).
std::string NftEquivalent(const IptRule& r) {
  const std::string chain = r.opt.at("--insert"), jump = r.opt.at("--jump");
  const std::string& f = r.family;
  auto get = [&](const char* k) { return r.opt.count(k) ? r.opt.at(k) : std::string(); };
  if (chain == "LIBVIRT_FWX") {
    return "iifname " + Q(get("--in-interface")) + " oifname " + Q(get("--out-interface")) +
           " counter accept";
  }
  if (chain == "LIBVIRT_FWO" && jump == "REJECT")
    return "iifname " + Q(get("--in-interface")) + " counter reject";
  if (chain == "LIBVIRT_FWI" && jump == "REJECT")
    return "oifname " + Q(get("--out-interface")) + " counter reject";
  if (chain == "LIBVIRT_FWO") {
    return "iifname " + Q(get("--in-interface")) + " " + f + " saddr " + get("--source") + " " +
           Opt(r, "--out-interface", "oifname ") + "counter accept";
  }
  if (chain == "LIBVIRT_FWI") {
    return Opt(r, "--in-interface", "iifname ") + "oifname " + Q(get("--out-interface")) + " " + f +
           " daddr " + get("--destination") +
           (r.opt.count("--match") ? " ct state related,established" : "") + " counter accept";
  }
  if (chain == "LIBVIRT_PRT" && jump == "RETURN") {
    return Opt(r, "--out-interface", "oifname ") + f + " saddr " + get("--source") + " " + f +
           " daddr " + get("--destination") + " counter return";
  }
  if (chain == "LIBVIRT_PRT" && jump == "MASQUERADE") {
    const std::string proto = get("--protocol");
    const std::string ports = get("--to-ports");
    return (proto.empty() ? "" : "meta l4proto " + proto + " ") + f + " saddr " + get("--source") +
           " " + f + " daddr != " + get("--destination") + " " +
           Opt(r, "--out-interface", "oifname ") + "counter masquerade" +
           (ports.empty() ? "" : " to :" + ports);
  }
  return "";
}

// "input ipv4 tcp 67" for each port of libvirt's INP/OUT rules.
std::string HostPort(const IptRule& r) {
  const bool in = r.opt.at("--insert") == "LIBVIRT_INP";
  return std::string(in ? "input " : "output ") + (r.family == "ip" ? "ipv4 " : "ipv6 ") +
         r.opt.at("--protocol") + " " + r.opt.at("--destination-port");
}

// The same keys from vnetctl's input/output chains, expanding port sets.
std::set<std::string> OurHostPorts(const std::string& rules) {
  std::set<std::string> out;
  std::istringstream lines(rules);
  std::string chain;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("\tchain ", 0) == 0) chain = line.substr(7, line.find(' ', 7) - 7);
    const size_t nfproto = line.find("meta nfproto ");
    if (nfproto == std::string::npos) continue;
    std::istringstream words(line.substr(nfproto + 13));
    std::string family, proto, word;
    words >> family >> proto >> word;  // "dport"
    while (words >> word && word != "counter") {
      if (word == "{" || word == "}") continue;
      if (word.back() == ',') word.pop_back();
      out.insert(chain + " " + family + " " + proto + " " + word);
    }
  }
  return out;
}

std::set<std::string> OurForwardAndNat(const std::string& rules) {
  std::set<std::string> out;
  std::istringstream lines(rules);
  std::string chain;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("\tchain ", 0) == 0) chain = line.substr(7, line.find(' ', 7) - 7);
    if (line.rfind("\t\t", 0) != 0 || line.find("type ") == 2) continue;
    if (chain == "forward" || chain == "postrouting") out.insert(line.substr(2));
  }
  return out;
}

TEST_CASE("nftables: every libvirt networkxml2firewall rule has its nft counterpart") {
  const std::vector<fs::path> inputs = CaseInputs("networkxml2firewall");
  REQUIRE(inputs.size() == kFirewallCases);
  size_t matched = 0, checksum_skipped = 0;
  for (const fs::path& input : inputs) {
    CAPTURE(input.string());
    auto rules = RenderNftRuleset(Parse(input));
    REQUIRE_MESSAGE(rules.ok(), rules.error().Format());
    std::string args = input.string();
    args.replace(args.size() - 4, 4, "-linux.args");
    std::set<std::string> expected_rules, expected_ports;
    for (const IptRule& r : ReadArgs(args)) {
      if (r.opt.count("--checksum-fill")) {
        checksum_skipped++;  // deliberately not rendered (see nftables.h)
      } else if (r.opt.at("--insert") == "LIBVIRT_INP" || r.opt.at("--insert") == "LIBVIRT_OUT") {
        expected_ports.insert(HostPort(r));
      } else {
        const std::string nft = NftEquivalent(r);
        REQUIRE_MESSAGE(!nft.empty(), "no mapping for a rule in ", args);
        expected_rules.insert(nft);
      }
    }
    CHECK(OurHostPorts(*rules) == expected_ports);
    CHECK(OurForwardAndNat(*rules) == expected_rules);
    matched += OurHostPorts(*rules) == expected_ports && OurForwardAndNat(*rules) == expected_rules;
  }
  MESSAGE(matched, " of ", kFirewallCases,
          " firewall cases equivalent to libvirt's iptables rules; ", checksum_skipped,
          " CHECKSUM rules deliberately not rendered");
  CHECK(matched == kFirewallCases);
}

TEST_CASE("nftables: the stock default network renders the golden ruleset") {
  const std::string rules = *RenderNftRuleset(Parse(kCorpus / "extra" / "default.xml"));
  CHECK(rules == *RenderNftRuleset(testing::DefaultNetwork()));
  CHECK(rules.rfind("table inet vnetctl_default\ndelete table inet vnetctl_default\n", 0) == 0);
}

TEST_CASE("nftables: nft -c accepts the rulesets of the corpus inputs" *
          doctest::test_suite("root")) {
  testing::RequireTool("/usr/bin/unshare");
  testing::RequireTool("/usr/sbin/nft");
  std::vector<fs::path> inputs = CaseInputs("networkxml2firewall");
  for (const fs::path& conf : CaseInputs("networkxml2conf")) inputs.push_back(conf);
  size_t checked = 0, empty = 0;
  for (const fs::path& input : inputs) {
    CAPTURE(input.string());
    const Network net = Parse(input);
    auto rules = RenderNftRuleset(net);
    if (net.name.find('"') != std::string::npos) {  // nat-network-name-with-quotes
      REQUIRE_FALSE(rules.ok());
      CHECK(rules.error().message.rfind("network name 'default\"with\"quotes\"' has the "
                                        "character '\"'",
                                        0) == 0);
      continue;
    }
    REQUIRE_MESSAGE(rules.ok(), rules.error().Format());
    if (rules->empty()) {
      empty++;
      continue;
    }
    testing::TempDir dir;
    const std::string file = (dir.path() / "rules.nft").string();
    testing::WriteFile(file, *rules);
    auto result = testing::RunTool({"/usr/bin/unshare", "-n", "/usr/sbin/nft", "-c", "-f", file});
    CHECK_MESSAGE(result.exit_status == 0, result.output);
    checked += result.exit_status == 0;
  }
  MESSAGE("nft -c accepted ", checked, " corpus rulesets (", empty, " inputs need none)");
  CHECK(checked == inputs.size() - 1 - empty);
  CHECK(empty == 0);
}

}  // namespace
}  // namespace vnet
