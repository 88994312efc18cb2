#include "core/live/firewall.h"

#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/live/nft_api.h"

namespace vnet::live {
namespace {

using nlohmann::json;

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
  const json& left = match.value("left", json::object());
  if (!left.contains("meta")) return;
  std::string key = left["meta"].value("key", "");
  if (key != "iifname" && key != "oifname") return;
  if (match.value("op", "==") != "==" && match.value("op", "==") != "in") return;
  const json& right = match.value("right", json());
  if (right.is_string()) out.insert(right.get<std::string>());
  if (right.is_object() && right.contains("set") && right["set"].is_array()) {
    for (const json& v : right["set"]) {
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
      AddIfnames(body, r.ifnames);
    } else if (kind == "xt") {
      // iptables-nft's untranslated extensions: a match is a condition, a
      // REJECT/DROP target a drop.
      std::string type = body.value("type", ""), name = body.value("name", "");
      if (type == "match") r.conditional = true;
      if (type == "target" && (name == "REJECT" || name == "DROP")) r.drops = true;
    } else if (kind == "drop" || kind == "reject") {
      r.drops = true;
    } else if (kind == "accept") {
      r.passes = true;
    } else if (kind == "jump" || kind == "goto") {
      r.passes = true;
      r.target = body.value("target", "");
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
    if (!item.is_object()) continue;
    if (item.contains("chain") && item["chain"].contains("hook")) {
      const json& c = item["chain"];
      FirewallChain fc;
      fc.family = c.value("family", "");
      fc.table = c.value("table", "");
      fc.name = c.value("name", "");
      fc.hook = c.value("hook", "");
      fc.policy_drop = c.value("policy", "accept") == "drop";
      chains.push_back(std::move(fc));
    } else if (item.contains("rule")) {
      const json& r = item["rule"];
      ChainKey key{r.value("family", "") + " " + r.value("table", ""), r.value("chain", "")};
      rules[key].push_back(ParseRule(r.value("expr", json())));
    }
  }
  for (FirewallChain& c : chains) {
    const std::string table = c.family + " " + c.table;
    auto it = rules.find({table, c.name});
    if (it != rules.end()) {
      for (const Rule& r : it->second)
        c.ends_in_drop = c.ends_in_drop || (r.drops && !r.conditional);
    }
    std::set<std::string> seen;
    CollectPassed(rules, table, c.name, seen, c.passed_ifnames);
  }
  return chains;
}

Result<std::vector<FirewallChain>> ReadFirewallChains() {
  VNET_ASSIGN_OR_RETURN(const NftApi* nft, LoadNftApi());
  VNET_ASSIGN_OR_RETURN(NftCtx ctx, NewBufferedNftCtx());
  nft->nft_ctx_output_set_flags(ctx.get(), nft->nft_ctx_output_get_flags(ctx.get()) |
                                               NFT_CTX_OUTPUT_JSON | NFT_CTX_OUTPUT_STATELESS);
  if (nft->nft_run_cmd_from_buffer(ctx.get(), "list ruleset") != 0) {
    const char* err = nft->nft_ctx_get_error_buffer(ctx.get());
    return MakeError(ErrorKind::kSystem,
                     std::string("cannot list the nftables ruleset: ") + (err ? err : ""));
  }
  const char* out = nft->nft_ctx_get_output_buffer(ctx.get());
  return ParseFirewallChains(out != nullptr ? out : "");
}

}  // namespace vnet::live
