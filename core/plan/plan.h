// Desired vs live → the steps that would make the host match, each with what
// it touches, why, and whether it interrupts guests' traffic. Pure.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/plan/desired.h"
#include "core/plan/firewall.h"
#include "core/plan/observe.h"
#include "core/plan/status.h"

namespace vnet::plan {

enum class Action { kCreate, kModify, kDelete, kRestart, kReload };
enum class Object {
  kFile,
  kLink,
  kAddress,
  kRoute,
  kNftTable,
  kSysctl,
  kDnsmasq,
  kPassage,
  kFirewalldZone
};

struct Step {
  Action action = Action::kCreate;
  Object object = Object::kFile;
  std::string name;  // path, link, "192.168.122.1/24 on virbr0", ...
  std::string why;
  bool disruptive = false;            // guests on the bridge lose traffic while it runs
  FileRole role = FileRole::kNative;  // for Object::kFile
};

struct Plan {
  std::string network;
  std::string backend;
  bool active = false;  // the network was active when planned
  std::vector<Step> steps;
  /// The passages through iptables' own chains to make (each also a step).
  std::vector<Passage> passages;
  /// What the host's own firewall drops of the network's traffic and no step
  /// of vnetctl's repairs: not part of Empty(); diff counts it.
  std::vector<Blocked> blocked;

  bool Empty() const { return steps.empty(); }
  /// Nothing to change and nothing blocked: what `diff` calls clean.
  bool Clean() const { return steps.empty() && blocked.empty(); }
  bool Has(Object o) const;
  bool HasFile(FileRole r) const;
  bool HasStep(Object o, Action a) const;
  /// A link/address/route differs: the backend must (re)apply.
  bool KernelDiffers() const;
};

/// Steps that make the host match `want`. `before` is the network's status
/// when it is active. `reapply_needs_down`: the backend re-applies only by
/// taking the bridge down (ifupdown), which makes kernel repairs disruptive.
Plan PlanStart(const Desired& want, const NetworkStatus* before, const Observed& have,
               bool reapply_needs_down);

/// Steps that remove everything `before` recorded.
Plan PlanDestroy(const NetworkStatus& before, const Observed& have);

std::string_view ActionName(Action a);  // "create", "modify", ...
std::string_view ObjectName(Object o);  // "file", "link", "address", ...

/// "  + create address 192.168.122.1/24 on virbr0: missing" lines, then
/// "  ! blocked by ip filter FORWARD: ..." lines; `color` adds ANSI colours
/// (green create, yellow modify, red delete and blocked).
std::string FormatPlan(const Plan& plan, bool color);
nlohmann::json PlanToJson(const Plan& plan);

}  // namespace vnet::plan
