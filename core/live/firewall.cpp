#include "core/live/firewall.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/exec/command_runner.h"
#include "core/live/nft_api.h"

namespace vnet::live {
namespace {

using nlohmann::json;

// nlohmann's value() throws on a value of another type: a field read here is
// a string or empty, an object or null, whatever the document holds.
std::string Str(const json& obj, const char* key) {
  if (!obj.is_object()) return "";
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}
const json& Obj(const json& obj, const char* key) {
  static const json kNull;
  if (!obj.is_object()) return kNull;
  auto it = obj.find(key);
  return it != obj.end() && it->is_object() ? *it : kNull;
}

struct Rule {
  std::set<std::string> ifnames;  // iifname/oifname it matches
  bool conditional = false;       // it matches on anything at all
  bool drops = false;             // its verdict: drop or reject
  bool passes = false;            // its verdict: accept, jump or goto
  std::string target;             // of jump/goto
};

// iifname/oifname == "x" or { "x", "y" } (nft's JSON gives a set as
// {"set": [...]}).
void AddIfnames(const json& match, std::set<std::string>& out) {
  std::string key = Str(Obj(Obj(match, "left"), "meta"), "key");
  if (key != "iifname" && key != "oifname") return;
  std::string op = Str(match, "op");
  if (!op.empty() && op != "==" && op != "in") return;
  auto right = match.find("right");
  if (right == match.end()) return;
  if (right->is_string()) out.insert(right->get<std::string>());
  auto set = right->is_object() ? right->find("set") : right->end();
  if (right->is_object() && set != right->end() && set->is_array()) {
    for (const json& v : *set) {
      if (v.is_string()) out.insert(v.get<std::string>());
    }
  }
}

Rule ParseRule(const json& exprs) {
  Rule r;
  if (!exprs.is_array()) return r;
  for (const json& e : exprs) {
    if (!e.is_object() || e.empty()) continue;
    const std::string& kind = e.begin().key();
    const json& body = e.begin().value();
    if (kind == "match") {
      r.conditional = true;
      if (body.is_object()) AddIfnames(body, r.ifnames);
    } else if (kind == "xt") {
      // iptables-nft's untranslated extensions: a match is a condition, a
      // REJECT/DROP target a drop.
      std::string type = Str(body, "type"), name = Str(body, "name");
      if (type == "match") r.conditional = true;
      if (type == "target" && (name == "REJECT" || name == "DROP")) r.drops = true;
    } else if (kind == "drop" || kind == "reject") {
      r.drops = true;
    } else if (kind == "accept") {
      r.passes = true;
    } else if (kind == "jump" || kind == "goto") {
      r.passes = true;
      r.target = Str(body, "target");
    }
  }
  return r;
}

using ChainKey = std::pair<std::string, std::string>;  // family+table, chain

// The interface names a chain's rules pass and where its jumps send them,
// following jumps (each chain once).
void CollectPassed(const std::map<ChainKey, std::vector<Rule>>& rules, const std::string& table,
                   const std::string& chain, std::set<std::string>& seen, FirewallChain& out) {
  if (!seen.insert(chain).second) return;
  auto it = rules.find({table, chain});
  if (it == rules.end()) return;
  for (const Rule& r : it->second) {
    if (r.passes) out.passed_ifnames.insert(r.ifnames.begin(), r.ifnames.end());
    if (r.target.empty()) continue;
    for (const std::string& n : r.ifnames) out.dispatch.emplace_back(n, r.target);
    if (!r.conditional) out.dispatch.emplace_back("", r.target);
    CollectPassed(rules, table, r.target, seen, out);
  }
}

// Each base chain's verdict on what its rules do not accept, the chains it
// jumps to, and the interfaces it passes (following jumps).
void Resolve(std::vector<FirewallChain>& chains,
             const std::map<ChainKey, std::vector<Rule>>& rules) {
  for (FirewallChain& c : chains) {
    const std::string table = c.family + " " + c.table;
    auto it = rules.find({table, c.name});
    if (it != rules.end()) {
      for (const Rule& r : it->second) {
        c.ends_in_drop = c.ends_in_drop || (r.drops && !r.conditional);
        if (!r.target.empty()) c.jumps.insert(r.target);
      }
    }
    std::set<std::string> seen;
    CollectPassed(rules, table, c.name, seen, c);
  }
}

// iptables-save's words: split on blanks, a "double-quoted string" (a
// comment) kept as one word.
std::vector<std::string> Words(std::string_view line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false, any = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char ch = line[i];
    if (quoted && ch == '\\' && i + 1 < line.size()) {
      cur += line[++i];
    } else if (ch == '"') {
      quoted = !quoted;
      any = true;
    } else if (!quoted && (ch == ' ' || ch == '\t')) {
      if (any) out.push_back(std::move(cur));
      cur.clear();
      any = false;
    } else {
      cur += ch;
      any = true;
    }
  }
  if (any) out.push_back(std::move(cur));
  return out;
}

// "-A CHAIN [!] -i virbr0 ... -j TARGET": what ParseRule makes of nft's
// JSON. `user` holds the chains the table declares (jump targets).
Rule ParseSaveRule(const std::vector<std::string>& w, const std::set<std::string>& user) {
  Rule r;
  bool negated = false;
  for (size_t i = 2; i < w.size(); ++i) {
    const std::string& opt = w[i];
    if (opt == "!") {
      negated = true;
      continue;
    }
    const std::string arg = i + 1 < w.size() ? w[i + 1] : "";
    if (opt == "-j" || opt == "-g" || opt == "--jump" || opt == "--goto") {
      if (arg == "ACCEPT") r.passes = true;
      if (arg == "DROP" || arg == "REJECT") r.drops = true;
      if (user.count(arg)) {
        r.passes = true;
        r.target = arg;
      }
      break;  // what follows is the target's own options (--reject-with)
    } else if (opt.starts_with("-")) {
      r.conditional = true;
      if ((opt == "-i" || opt == "-o" || opt == "--in-interface" || opt == "--out-interface") &&
          !negated && !arg.empty()) {
        r.ifnames.insert(arg.ends_with('+') ? arg.substr(0, arg.size() - 1) + "*" : arg);
      }
    }
    negated = false;
  }
  return r;
}

}  // namespace

bool FirewallChain::Passes(std::string_view ifname) const {
  for (const std::string& n : passed_ifnames) {
    if (n == ifname) return true;
    if (n.ends_with('*') && ifname.starts_with(std::string_view(n).substr(0, n.size() - 1))) {
      return true;
    }
  }
  return false;
}

Result<std::vector<FirewallChain>> ParseFirewallChains(std::string_view text) {
  if (text.find_first_not_of(" \n") == std::string_view::npos) return std::vector<FirewallChain>{};
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("nftables") ||
      !doc["nftables"].is_array()) {
    return MakeError(ErrorKind::kSystem, "cannot read the nftables ruleset: not nft's JSON");
  }
  std::vector<FirewallChain> chains;
  std::map<ChainKey, std::vector<Rule>> rules;
  for (const json& item : doc["nftables"]) {
    const json& c = Obj(item, "chain");
    const json& r = Obj(item, "rule");
    if (!Str(c, "hook").empty()) {
      chains.push_back({Str(c, "family"),
                        Str(c, "table"),
                        Str(c, "name"),
                        Str(c, "hook"),
                        Str(c, "policy") == "drop",
                        false,
                        {},
                        {},
                        false});
    } else if (r.is_object()) {
      ChainKey key{Str(r, "family") + " " + Str(r, "table"), Str(r, "chain")};
      auto expr = r.find("expr");
      rules[key].push_back(ParseRule(expr != r.end() ? *expr : json()));
    }
  }
  Resolve(chains, rules);
  return chains;
}

std::vector<FirewallChain> ParseIptablesSave(std::string_view text, bool ipv6) {
  const std::string family = ipv6 ? "ip6" : "ip", table = family + " filter";
  std::vector<FirewallChain> chains;
  std::set<std::string> user;
  std::vector<std::vector<std::string>> appends;
  bool in_filter = false;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::vector<std::string> w = Words(text.substr(pos, end - pos));
    pos = end + 1;
    if (w.empty() || w[0].starts_with("#")) continue;
    if (w[0].starts_with("*")) in_filter = w[0] == "*filter";
    if (!in_filter) continue;
    if (w[0].starts_with(":") && w.size() >= 2) {
      std::string name = w[0].substr(1);
      if (w[1] == "-") {
        user.insert(name);
      } else if (name == "INPUT" || name == "FORWARD" || name == "OUTPUT") {
        std::string hook = name == "INPUT" ? "input" : name == "FORWARD" ? "forward" : "output";
        chains.push_back({family, "filter", name, hook, w[1] == "DROP", false, {}, {}, true});
      }
    } else if (w[0] == "-A" && w.size() >= 2) {
      appends.push_back(std::move(w));
    }
  }
  std::map<ChainKey, std::vector<Rule>> rules;
  for (const auto& w : appends) rules[{table, w[1]}].push_back(ParseSaveRule(w, user));
  Resolve(chains, rules);
  return chains;
}

namespace {

// iptables-legacy's filter table, when the kernel has one in this namespace
// (listing a table that does not exist would create it).
Result<std::vector<FirewallChain>> ReadLegacyChains(bool ipv6) {
  std::ifstream names(ipv6 ? "/proc/net/ip6_tables_names" : "/proc/net/ip_tables_names");
  std::string line;
  bool has_filter = false;
  while (std::getline(names, line)) has_filter = has_filter || line == "filter";
  if (!has_filter) return std::vector<FirewallChain>{};
  SystemCommandRunner runner;
  const char* save = ipv6 ? "/usr/sbin/ip6tables-legacy-save" : "/usr/sbin/iptables-legacy-save";
  CommandResult r = runner.Run({save, "-t", "filter"});
  if (r.exit_code != 0) {
    return MakeError(ErrorKind::kSystem,
                     std::string("cannot list iptables-legacy's filter table (") + save +
                         "): " + (r.exit_code == -1 ? "not installed" : r.err));
  }
  return ParseIptablesSave(r.out, ipv6);
}

}  // namespace

Result<std::vector<FirewallChain>> ReadFirewallChains() {
  VNET_ASSIGN_OR_RETURN(NftOutput listed, RunNft("list ruleset", NFT_CTX_OUTPUT_JSON));
  if (!listed.ok) {
    return MakeError(ErrorKind::kSystem, "cannot list the nftables ruleset: " + listed.err);
  }
  VNET_ASSIGN_OR_RETURN(std::vector<FirewallChain> chains, ParseFirewallChains(listed.out));
  for (bool ipv6 : {false, true}) {
    VNET_ASSIGN_OR_RETURN(std::vector<FirewallChain> legacy, ReadLegacyChains(ipv6));
    chains.insert(chains.end(), legacy.begin(), legacy.end());
  }
  return chains;
}

}  // namespace vnet::live
