#include "core/live/firewall.h"

#include <map>
#include <nlohmann/json.hpp>
#include <utility>

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

// The interface names a chain's rules pass, following jumps (each chain once).
void CollectPassed(const std::map<ChainKey, std::vector<Rule>>& rules, const std::string& table,
                   const std::string& chain, std::set<std::string>& seen,
                   std::set<std::string>& out) {
  if (!seen.insert(chain).second) return;
  auto it = rules.find({table, chain});
  if (it == rules.end()) return;
  for (const Rule& r : it->second) {
    if (r.passes) out.insert(r.ifnames.begin(), r.ifnames.end());
    if (!r.target.empty()) CollectPassed(rules, table, r.target, seen, out);
  }
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
                        {}});
    } else if (r.is_object()) {
      ChainKey key{Str(r, "family") + " " + Str(r, "table"), Str(r, "chain")};
      auto expr = r.find("expr");
      rules[key].push_back(ParseRule(expr != r.end() ? *expr : json()));
    }
  }
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
    CollectPassed(rules, table, c.name, seen, c.passed_ifnames);
  }
  return chains;
}

Result<std::vector<FirewallChain>> ReadFirewallChains() {
  VNET_ASSIGN_OR_RETURN(NftOutput listed, RunNft("list ruleset", NFT_CTX_OUTPUT_JSON));
  if (!listed.ok) {
    return MakeError(ErrorKind::kSystem, "cannot list the nftables ruleset: " + listed.err);
  }
  return ParseFirewallChains(listed.out);
}

}  // namespace vnet::live
