// The forwarding sysctls of a nat, route or open network (ip_forward, and
// IPv6's all/forwarding): written before the bridge comes up and, as
// libvirt does, never reset on stop, since another network may rely on
// them. A failed first start's rollback puts back the values it found (the
// transaction's snapshot holds them).
#include "backends/common/companion_runtime.h"
#include "backends/common/companions.h"
#include "core/plan/companion.h"
#include "core/plan/plan_internal.h"

namespace vnet::plan {

namespace {

class Forwarding final : public Companion {
 public:
  std::string_view Name() const override { return "forwarding"; }
  Phase When() const override { return Phase::kBeforeBridge; }
  bool StartedByManagerHooks() const override { return true; }

  void Desire(const Network& net, const Backend&, const Caps&, Desired& want) const override {
    if (net.HasManagedBridge()) want.sysctls = ForwardingSysctls(net);
  }

  void PlanStart(const Desired& want, const NetworkStatus*, const Observed& have,
                 Plan& out) const override {
    StepSink steps{out.steps};
    for (const std::string& key : want.sysctls) {
      auto it = have.sysctls.find(key);
      if (it == have.sysctls.end() || it->second != "1") {
        steps.Add(Action::kModify, Object::kSysctl, key,
                  it == have.sysctls.end() ? "missing" : "is " + it->second + ", wants 1", false);
      }
    }
  }

  void PlanStop(const NetworkStatus&, const Observed&, Plan&) const override {}

  Commands Start(const Network& net, const Desired&, const Plan& plan) const override {
    return plan.Has(Object::kSysctl) ? ForwardingUp(net) : Commands{};
  }

  Commands Stop(const Network&, const NetworkStatus&) const override { return {}; }
  Commands Undo(const Undoing&) const override { return {}; }
  void Record(const Desired&, const Observed*, NetworkStatus&) const override {}
};

}  // namespace

const Companion& ForwardingCompanion() {
  static const Forwarding kForwarding;
  return kForwarding;
}

}  // namespace vnet::plan
