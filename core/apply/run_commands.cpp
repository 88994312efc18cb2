#include "core/apply/run_commands.h"

#include "core/io/crash_point.h"

namespace vnet::apply {

namespace {

std::string Describe(const ActivationCommand& c, const CommandResult& r) {
  std::string err = r.err.empty() ? r.out : r.err;
  while (!err.empty() && (err.back() == '\n' || err.back() == ' ')) err.pop_back();
  std::string what = "`" + FormatCommandLine(c.argv) + "` failed";
  what += r.exit_code < 0 ? " to start" : " (exit " + std::to_string(r.exit_code) + ")";
  return err.empty() ? what : what + ": " + err;
}

CommandResult Run(Env& env, const ActivationCommand& c) {
  return c.builtin ? env.runner.Perform(*c.builtin, c.argv) : env.runner.Run(c.argv);
}

}  // namespace

Status RunAll(Env& env, const Commands& cmds) {
  for (const ActivationCommand& c : cmds) {
    CommandResult r = Run(env, c);
    if (r.exit_code != 0 && !c.may_fail) return MakeError(ErrorKind::kSystem, Describe(c, r));
  }
  return OkStatus();
}

void RunBestEffort(Env& env, const Commands& cmds, std::vector<std::string>& notes) {
  for (const ActivationCommand& c : cmds) {
    CommandResult r = Run(env, c);
    if (r.exit_code != 0 && !c.may_fail) notes.push_back(Describe(c, r));
  }
}

Status Fault(const Env& env, const std::string& step) {
  if (!env.dry_run) io::CrashPoint(step);
  if (env.fault != step) return OkStatus();
  return MakeError(ErrorKind::kSystem, "fault injected at step '" + step + "' (VNETCTL_FAULT)");
}

}  // namespace vnet::apply
