// Running a backend's command list, and the fault hook.
#pragma once

#include <string>
#include <vector>

#include "backends/backend.h"
#include "core/apply/transaction.h"

namespace vnet::apply {

/// Runs each command; the first failing one that may not fail is an error
/// ("`networkctl reload` failed (exit 1): <stderr>").
Status RunAll(Env& env, const Commands& cmds);
/// Runs each command and keeps going; failures are appended to `notes`.
void RunBestEffort(Env& env, const Commands& cmds, std::vector<std::string>& notes);
/// kSystem error when env.fault names `step`.
Status Fault(const Env& env, const std::string& step);

}  // namespace vnet::apply
