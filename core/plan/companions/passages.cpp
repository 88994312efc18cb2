// The passages through the host's own iptables chains (backends/common/
// passage.h): made before the bridge comes up, so that the host's drop
// policy never sees the network's first packets.
#include <algorithm>

#include "backends/common/passage.h"
#include "core/plan/companion.h"
#include "core/plan/firewall.h"
#include "core/plan/plan_internal.h"

namespace vnet::plan {

namespace {

class Passages final : public Companion {
 public:
  std::string_view Name() const override { return "passages"; }
  Phase When() const override { return Phase::kBeforeBridge; }

  // What the host's firewall must let through (Desired's forward_/bridged_/
  // serve_ flags) is the network's traffic, derived with the rest of Desire.
  void Desire(const Network&, const Backend&, const Caps&, Desired&) const override {}

  // A drop that a passage repairs is a step; one that it cannot (an unknown
  // nftables table) is named in Plan::blocked, and diff counts it.
  void PlanStart(const Desired& want, const NetworkStatus*, const Observed& have,
                 Plan& out) const override {
    StepSink steps{out.steps};
    for (Blocked& b : PlanFirewall(want, have.firewall)) {
      if (!b.passage) {
        out.blocked.push_back(std::move(b));
        continue;
      }
      steps.Add(Action::kCreate, Object::kPassage, b.chain,
                b.why + " (" + b.passage->Chain() + " lets it through)", false);
      out.passages.push_back(*b.passage);
    }
  }

  void PlanStop(const NetworkStatus& before, const Observed& have, Plan& out) const override {
    StepSink steps{out.steps};
    for (const std::string& ref : PassagesIn(before.bridge, have.firewall)) {
      if (std::find(before.passages.begin(), before.passages.end(), ref) != before.passages.end()) {
        steps.Add(Action::kDelete, Object::kPassage, ref, "stops with the network", false);
      }
    }
  }

  // Whatever the backend: no manager's hook knows about them.
  Commands Start(const Network&, const Desired&, const Plan& plan) const override {
    Commands cmds;
    for (const Passage& p : plan.passages) Append(cmds, PassageUp(p));
    return cmds;
  }

  Commands Stop(const Network&, const NetworkStatus& status) const override {
    return PassagesDown(status.passages, status.bridge);
  }

  // The ones this change made; those of the network before stay.
  Commands Undo(const Undoing& u) const override {
    Commands cmds;
    for (const Passage& p : u.plan.passages) Append(cmds, PassageDown(p));
    return cmds;
  }

  void Record(const Desired& want, const Observed* seen, NetworkStatus& s) const override {
    if (!seen) return;
    s.passages = PassagesIn(want.bridge, seen->firewall);
    for (const std::string& ref : s.passages) s.verified.push_back("passage " + ref);
  }
};

}  // namespace

const Companion& PassagesCompanion() {
  static const Passages kPassages;
  return kPassages;
}

}  // namespace vnet::plan
