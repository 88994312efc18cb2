// Commands for post-up/pre-down/post-down lines. ifupdown hands each line to
// /bin/sh, so every argument is restricted to characters the shell takes
// literally: no quoting is ever needed and nothing can be injected.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace vnet::ifupdown {

struct ShellCommand {
  std::vector<std::string> argv;
  /// Append "|| true": for teardown steps whose target may already be gone.
  /// interfaces(5) says a failing down command stops ifdown (0.8.41 goes on
  /// regardless); either way it is not an error worth reporting.
  bool ignore_failure = false;
};

/// The command line. Refuses (kInvalidInput) an empty argv, an empty argument
/// or one with a character outside [A-Za-z0-9_.,:/=+@-], and an '=' in the
/// program name (the shell would read it as a variable assignment).
Result<std::string> RenderShellCommand(const ShellCommand& command);

}  // namespace vnet::ifupdown
