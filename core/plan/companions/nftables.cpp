// The network's own nftables table, inet vnetctl_NAME (NAT, forwarding and
// libvirt's rules; backends/common/nftables.h renders it): loaded with
// `nft -f` before the bridge comes up, compared afterwards with the listing
// recorded right after the verified start (nft prints rules in its own
// canonical form, so vnetctl never re-implements it).
#include "backends/common/nftables.h"

#include <algorithm>
#include <sstream>
#include <string_view>

#include "backends/common/companion_runtime.h"
#include "core/plan/companion.h"
#include "core/plan/plan_internal.h"

namespace vnet::plan {

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// "counter packets N bytes M" becomes "counter": counters count traffic.
std::string WithoutCounterValues(std::string line) {
  static constexpr std::string_view kCounter = "counter packets ";
  for (size_t at = line.find(kCounter); at != std::string::npos; at = line.find(kCounter, at + 1)) {
    if (at > 0 && line[at - 1] != ' ' && line[at - 1] != '\t') continue;
    size_t p = at + kCounter.size();
    size_t p_end = line.find(' ', p);
    if (p_end == std::string::npos || !AllDigits(std::string_view(line).substr(p, p_end - p)))
      continue;
    if (line.compare(p_end, 7, " bytes ") != 0) continue;
    size_t b = p_end + 7;
    size_t b_end = std::min(line.find(' ', b), line.size());
    if (!AllDigits(std::string_view(line).substr(b, b_end - b))) continue;
    line.erase(at + 7, b_end - (at + 7));  // keep "counter"
  }
  return line;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    // Rule handles are not part of a rule's meaning.
    if (auto pos = line.find(" # handle "); pos != std::string::npos) line.resize(pos);
    // Counters count traffic; a record taken with them must still compare.
    out.push_back(WithoutCounterValues(std::move(line)));
  }
  return out;
}

std::string Trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  return s;
}

/// The first rule that one listing has and the other lacks.
std::string NftDifference(const std::string& recorded, const std::string& live) {
  std::vector<std::string> a = Lines(recorded), b = Lines(live);
  for (const std::string& l : a) {
    if (std::find(b.begin(), b.end(), l) == b.end()) return "rule missing: " + Trim(l);
  }
  for (const std::string& l : b) {
    if (std::find(a.begin(), a.end(), l) == a.end()) return "extra rule: " + Trim(l);
  }
  return "";
}

class Nftables final : public Companion {
 public:
  std::string_view Name() const override { return "nftables"; }
  Phase When() const override { return Phase::kBeforeBridge; }
  bool StartedByManagerHooks() const override { return true; }

  // The backend rendered the ruleset file (FileRole::kFirewall) when the
  // network has rules (open mode has none).
  void Desire(const Network& net, const Backend&, const Caps&, Desired& want) const override {
    if (!net.HasManagedBridge()) return;
    for (const DesiredFile& f : want.files) {
      if (f.file.role != FileRole::kFirewall) continue;
      auto table = NftTableName(net.name);
      if (table.ok()) want.nft_table = *table;
    }
  }

  void PlanStart(const Desired& want, const NetworkStatus* before, const Observed& have,
                 Plan& out) const override {
    StepSink steps{out.steps};
    if (want.nft_table.empty()) {
      if (before && !before->nft_table.empty() && have.nft_listing) {
        steps.Add(Action::kDelete, Object::kNftTable, "inet " + before->nft_table,
                  "the network no longer needs firewall rules", false);
      }
      return;
    }
    const std::string table = "inet " + want.nft_table;
    if (!have.nft_listing) {
      steps.Add(Action::kCreate, Object::kNftTable, table, "missing", false);
    } else if (out.HasFile(FileRole::kFirewall)) {
      steps.Add(Action::kModify, Object::kNftTable, table, "its ruleset file changes", false);
    } else if (before && !before->nft_listing.empty()) {
      std::string diff = NftDifference(before->nft_listing, *have.nft_listing);
      if (!diff.empty()) steps.Add(Action::kModify, Object::kNftTable, table, diff, false);
    }
  }

  void PlanStop(const NetworkStatus& before, const Observed& have, Plan& out) const override {
    if (before.nft_table.empty() || !have.nft_listing) return;
    StepSink{out.steps}.Add(Action::kDelete, Object::kNftTable, "inet " + before.nft_table,
                            "stops with the network", false);
  }

  Commands Start(const Network& net, const Desired& want, const Plan& plan) const override {
    Commands cmds;
    if (plan.HasStep(Object::kNftTable, Action::kDelete)) cmds = FirewallDown(net);
    if (plan.HasStep(Object::kNftTable, Action::kCreate) ||
        plan.HasStep(Object::kNftTable, Action::kModify)) {
      Append(cmds, FirewallUp(net, want.placement));
    }
    return cmds;
  }

  Commands Stop(const Network& net, const NetworkStatus&) const override {
    return FirewallDown(net);
  }

  // The files are put back before: the previous ruleset is loaded again.
  Commands Undo(const Undoing& u) const override {
    if (!u.old) return FirewallDown(u.net);
    if (u.old_status->nft_table.empty()) return {};
    return FirewallUp(*u.old, u.old_status->placement);
  }

  void Record(const Desired& want, const Observed* seen, NetworkStatus& s) const override {
    s.nft_table = want.nft_table;
    if (!seen) return;
    s.nft_listing = seen->nft_listing.value_or("");
    if (!want.nft_table.empty()) s.verified.push_back("nft-table inet " + want.nft_table);
  }
};

}  // namespace

const Companion& NftablesCompanion() {
  static const Nftables kNftables;
  return kNftables;
}

}  // namespace vnet::plan
