#include "core/plan/plan.h"

#include <algorithm>

#include "core/plan/companion.h"
#include "core/plan/plan_internal.h"

namespace vnet::plan {

bool Plan::Has(Object o) const {
  return std::any_of(steps.begin(), steps.end(), [&](const Step& s) { return s.object == o; });
}

bool Plan::HasFile(FileRole r) const {
  return std::any_of(steps.begin(), steps.end(),
                     [&](const Step& s) { return s.object == Object::kFile && s.role == r; });
}

bool Plan::HasStep(Object o, Action a) const {
  return std::any_of(steps.begin(), steps.end(),
                     [&](const Step& s) { return s.object == o && s.action == a; });
}

bool Plan::KernelDiffers() const {
  return Has(Object::kLink) || Has(Object::kAddress) || Has(Object::kRoute);
}

Plan PlanStart(const Desired& want, const NetworkStatus* before, const Observed& have,
               bool reapply_needs_down) {
  Plan plan{want.network, want.backend, before != nullptr, {}, {}, {}};
  StepSink out{plan.steps};
  PlanFiles(want, before, have, out);
  PlanKernel(want, have.kernel, out);
  for (const Companion* c : Companions()) c->PlanStart(want, before, have, plan);
  // ifup re-applies nothing to a configured interface: vnetctl takes the
  // bridge down and up again, which guests notice.
  if (before && reapply_needs_down && (plan.KernelDiffers() || plan.HasFile(FileRole::kNative))) {
    for (Step& s : plan.steps) {
      if (s.object == Object::kLink || s.object == Object::kAddress || s.object == Object::kRoute ||
          (s.object == Object::kFile && s.role == FileRole::kNative)) {
        s.disruptive = true;
      }
    }
  }
  return plan;
}

Plan PlanDestroy(const NetworkStatus& before, const Observed& have) {
  Plan plan{before.name, before.backend, true, {}, {}, {}};
  StepSink out{plan.steps};
  // In the order a destroy takes them down: what runs on the bridge, the
  // bridge, then what was there before it.
  const auto& all = Companions();
  for (auto c = all.rbegin(); c != all.rend(); ++c) {
    if ((*c)->When() == Phase::kAfterBridge) (*c)->PlanStop(before, have, plan);
  }
  if (!before.bridge.empty() && have.kernel.FindLink(before.bridge)) {
    out.Add(Action::kDelete, Object::kLink, before.bridge, "stops with the network", true);
  }
  for (auto c = all.rbegin(); c != all.rend(); ++c) {
    if ((*c)->When() == Phase::kBeforeBridge) (*c)->PlanStop(before, have, plan);
  }
  for (const std::string& path : before.files) {
    auto it = have.files.find(path);
    if (it != have.files.end() && it->second.exists) {
      out.Add(Action::kDelete, Object::kFile, path, "stops with the network", false,
              before.RoleOf(path));
    }
  }
  PlanManagerCopies(before.manager_copies, &before, have, out);
  return plan;
}

std::string_view ActionName(Action a) {
  switch (a) {
    case Action::kCreate:
      return "create";
    case Action::kModify:
      return "modify";
    case Action::kDelete:
      return "delete";
    case Action::kRestart:
      return "restart";
    case Action::kReload:
      return "reload";
  }
  return "?";
}

std::string_view ObjectName(Object o) {
  switch (o) {
    case Object::kFile:
      return "file";
    case Object::kLink:
      return "link";
    case Object::kAddress:
      return "address";
    case Object::kRoute:
      return "route";
    case Object::kNftTable:
      return "nft-table";
    case Object::kSysctl:
      return "sysctl";
    case Object::kDnsmasq:
      return "dnsmasq";
    case Object::kPassage:
      return "passage";
    case Object::kFirewalldZone:
      return "firewalld-zone";
  }
  return "?";
}

namespace {

char Sign(Action a) {
  switch (a) {
    case Action::kCreate:
      return '+';
    case Action::kDelete:
      return '-';
    default:
      return '~';
  }
}

const char* Colour(Action a) {
  switch (a) {
    case Action::kCreate:
      return "\033[32m";
    case Action::kDelete:
      return "\033[31m";
    default:
      return "\033[33m";
  }
}

}  // namespace

std::string FormatPlan(const Plan& plan, bool color) {
  std::string out;
  for (const Step& s : plan.steps) {
    std::string line = std::string("  ") + Sign(s.action) + " " +
                       std::string(ActionName(s.action)) + " " + std::string(ObjectName(s.object)) +
                       " " + s.name + ": " + s.why;
    if (s.disruptive) line += " (interrupts traffic)";
    out += color ? Colour(s.action) + line + "\033[0m\n" : line + "\n";
  }
  for (const Blocked& b : plan.blocked) {
    std::string line = "  ! blocked by " + b.chain + ": " + b.why;
    out += color ? Colour(Action::kDelete) + line + "\033[0m\n" : line + "\n";
  }
  return out;
}

nlohmann::json PlanToJson(const Plan& plan) {
  nlohmann::json steps = nlohmann::json::array();
  for (const Step& s : plan.steps) {
    steps.push_back({{"action", ActionName(s.action)},
                     {"object", ObjectName(s.object)},
                     {"name", s.name},
                     {"why", s.why},
                     {"disruptive", s.disruptive}});
  }
  nlohmann::json blocked = nlohmann::json::array();
  for (const Blocked& b : plan.blocked) blocked.push_back({{"chain", b.chain}, {"why", b.why}});
  return {{"name", plan.network},
          {"backend", plan.backend},
          {"active", plan.active},
          {"steps", steps},
          {"blocked", blocked}};
}

}  // namespace vnet::plan
