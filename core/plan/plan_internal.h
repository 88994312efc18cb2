// Shared by the plan_*.cpp files.
#pragma once

#include <string>
#include <vector>

#include "core/plan/plan.h"

namespace vnet::plan {

/// Collects steps in order.
struct StepSink {
  std::vector<Step>& steps;
  void Add(Action a, Object o, std::string name, std::string why, bool disruptive,
           FileRole role = FileRole::kNative) {
    steps.push_back(Step{a, o, std::move(name), std::move(why), disruptive, role});
  }
};

void PlanKernel(const Desired& want, const live::HostState& kernel, StepSink& out);
void PlanFiles(const Desired& want, const NetworkStatus* before, const Observed& have,
               StepSink& out);
/// A copy the manager saved of the network's native file is deleted (start,
/// apply and destroy alike), unless the network wrote that path itself before
/// (a change of placement deletes it already).
void PlanManagerCopies(const std::vector<std::string>& copies, const NetworkStatus* before,
                       const Observed& have, StepSink& out);

}  // namespace vnet::plan
