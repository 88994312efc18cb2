#include "cli/output.h"

#include <cstdio>

namespace vnet::cli {

namespace {

void WriteStream(std::FILE* stream, const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stream);
}

void PrintErrors(std::string_view prefix, const std::vector<Error>& errors) {
  for (const Error& e : errors) {
    WriteStream(stderr, std::string(prefix) + e.Format() + "\n");
  }
}

int EmitErrors(const std::vector<Error>& errors) {
  std::fflush(stdout);
  PrintErrors("vnetctl: error: ", errors);
  return static_cast<int>(ExitCodeFor(errors.front().kind));
}

}  // namespace

std::string Extra(const Context& ctx, std::string line) { return ctx.quiet ? "" : line; }

int EmitNotRun(const Error& error) { return EmitErrors({error}); }

int Emit(const Context& ctx, const RunResult& result) {
  if (!result.ok()) {
    // A virsh command that ran and failed still ends with its empty line
    // (vshCommandRun), unless -q; $(...) in a script drops it.
    if (!ctx.quiet && !ctx.json) WriteStream(stdout, "\n");
    return EmitErrors(result.errors());
  }
  const Output& out = result.output();
  PrintErrors("vnetctl: warning: ", out.warnings);
  if (ctx.json && out.json) {
    WriteStream(stdout, out.json->dump(2) + "\n");
  } else {
    WriteStream(stdout, out.text);
    // virsh ends every command with an empty line (vshCommandRun) unless -q.
    if (!ctx.quiet) WriteStream(stdout, "\n");
  }
  if (std::fflush(stdout) != 0) return static_cast<int>(ExitCode::kFailure);
  if (!out.errors.empty()) {
    PrintErrors("vnetctl: error: ", out.errors);
    return static_cast<int>(ExitCodeFor(out.errors.front().kind));
  }
  return static_cast<int>(out.exit);
}

}  // namespace vnet::cli
