// What a command's Run returns, and the one place that writes it out.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/context.h"
#include "core/error.h"

namespace vnet::cli {

struct Output {
  /// stdout text exactly as virsh prints it (without virsh's blank line that
  /// ends every command, which Emit adds unless -q).
  std::string text;
  /// Printed instead of `text` under --json (pretty-printed, newline-terminated).
  std::optional<nlohmann::json> json;
  /// Non-fatal problems, printed to stderr as "vnetctl: warning: …".
  std::vector<Error> warnings;
  /// The exit code of a successful run: kOk, or kDiffFound for `diff`.
  ExitCode exit = ExitCode::kOk;
  /// Failures of a command that also did part of its work (import of several
  /// networks): printed as errors after the output; the first one's kind
  /// gives the exit code.
  std::vector<Error> errors;
};

/// A command's outcome: its Output, or one or more errors (validation reports
/// every violated rule; the first error's kind decides the exit code).
class RunResult {
 public:
  RunResult(Output output) : output_(std::move(output)) {}  // NOLINT(google-explicit-constructor)
  RunResult(Error error) : errors_{std::move(error)} {}     // NOLINT(google-explicit-constructor)
  RunResult(std::vector<Error> errors)                      // NOLINT(google-explicit-constructor)
      : errors_(std::move(errors)) {}

  bool ok() const { return errors_.empty(); }
  const Output& output() const { return output_; }
  const std::vector<Error>& errors() const { return errors_; }
  /// The first error (for VNET_TRY-style propagation).
  const Error& error() const { return errors_.front(); }

 private:
  Output output_;
  std::vector<Error> errors_;
};

/// Writes `result` to stdout/stderr and returns the process exit code.
/// Errors: "vnetctl: error: " + Error::Format(), one line each; a failed
/// command also prints virsh's empty line on stdout (not under -q or --json).
int Emit(const Context& ctx, const RunResult& result);

/// A failure before any command ran (virsh's failed connection): the error
/// on stderr, nothing on stdout. Returns the exit code.
int EmitNotRun(const Error& error);

/// A message line that virsh prints with vshPrintExtra: dropped under -q.
std::string Extra(const Context& ctx, std::string line);

}  // namespace vnet::cli
