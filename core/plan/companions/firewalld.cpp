// firewalld's zone for the bridge (core/plan/firewalld.h chooses it as
// libvirt does): bound before the bridge comes up, in firewalld's permanent
// configuration too where the backend does not keep it itself, so that
// `firewall-cmd --reload` keeps it (vnetctl has no daemon to re-add it).
#include "backends/common/firewalld.h"

#include "core/plan/companion.h"
#include "core/plan/firewalld.h"
#include "core/plan/plan_internal.h"

namespace vnet::plan {

namespace {

class Firewalld final : public Companion {
 public:
  std::string_view Name() const override { return "firewalld"; }
  Phase When() const override { return Phase::kBeforeBridge; }

  void Desire(const Network&, const Backend& backend, const Caps& caps,
              Desired& want) const override {
    want.firewalld_zone = caps.firewalld_zone;
    want.firewalld_permanent = !want.firewalld_zone.empty() && !backend.KeepsFirewalldZone();
  }

  void PlanStart(const Desired& want, const NetworkStatus*, const Observed& have,
                 Plan& out) const override {
    if (want.firewalld_zone.empty()) return;
    StepSink steps{out.steps};
    const std::string name = want.bridge + " in " + want.firewalld_zone;
    auto [zone, bound] = FirewalldZoneOf(have.firewall, want.bridge);
    const live::FileState* file = have.firewalld_zone_file ? &*have.firewalld_zone_file : nullptr;
    if (!bound || zone != want.firewalld_zone) {
      steps.Add(bound ? Action::kModify : Action::kCreate, Object::kFirewalldZone, name,
                bound ? "firewalld has it in the zone '" + zone + "'"
                      : "firewalld has it in its default zone '" + zone +
                            "', which rejects the guests' traffic",
                false);
    } else if (want.firewalld_permanent &&
               !(file && file->exists && FirewalldFileBinds(file->content, want.bridge))) {
      steps.Add(Action::kModify, Object::kFirewalldZone, name,
                "not in firewalld's permanent configuration (" +
                    FirewalldZoneFile(want.firewalld_zone) +
                    "): firewall-cmd --reload would drop it",
                false);
    }
  }

  void PlanStop(const NetworkStatus& before, const Observed& have, Plan& out) const override {
    if (before.firewalld_zone.empty()) return;
    auto [zone, bound] = FirewalldZoneOf(have.firewall, before.bridge);
    if (bound && zone == before.firewalld_zone) {
      StepSink{out.steps}.Add(Action::kDelete, Object::kFirewalldZone,
                              before.bridge + " in " + zone, "stops with the network", false);
    }
  }

  Commands Start(const Network&, const Desired& want, const Plan& plan) const override {
    if (!plan.Has(Object::kFirewalldZone)) return {};
    return FirewalldBind(want.firewalld_zone, want.bridge, want.firewalld_permanent);
  }

  Commands Stop(const Network&, const NetworkStatus& status) const override {
    if (status.firewalld_zone.empty()) return {};
    return FirewalldUnbind(status.firewalld_zone, status.bridge, status.firewalld_permanent);
  }

  // A binding this change made; a network that had a zone before keeps it.
  Commands Undo(const Undoing& u) const override {
    bool had_zone = u.old_status && !u.old_status->firewalld_zone.empty();
    if (!u.plan.Has(Object::kFirewalldZone) || had_zone) return {};
    return FirewalldUnbind(u.want.firewalld_zone, u.want.bridge, u.want.firewalld_permanent);
  }

  void Record(const Desired& want, const Observed* seen, NetworkStatus& s) const override {
    s.firewalld_zone = want.firewalld_zone;
    s.firewalld_permanent = want.firewalld_permanent;
    if (seen && !want.firewalld_zone.empty()) {
      s.verified.push_back("firewalld-zone " + want.bridge + " in " + want.firewalld_zone);
    }
  }
};

}  // namespace

const Companion& FirewalldCompanion() {
  static const Firewalld kFirewalld;
  return kFirewalld;
}

}  // namespace vnet::plan
