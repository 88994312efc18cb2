#include "backends/ifupdown/shell_command.h"

#include "backends/ifupdown/eni.h"

namespace vnet::ifupdown {

namespace {

bool IsShellLiteral(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == ',' || c == ':' || c == '/' || c == '=' || c == '+' || c == '@' ||
         c == '-';
}

Status CheckArgument(const std::string& arg, bool is_program) {
  bool ok = !arg.empty();
  for (char c : arg) ok = ok && IsShellLiteral(c) && !(is_program && c == '=');
  if (ok) return OkStatus();
  return MakeError(ErrorKind::kInvalidInput,
                   "cannot write command argument " + QuoteForMessage(arg) +
                       " to an ifupdown file: only [A-Za-z0-9_.,:/=+@-] is allowed");
}

}  // namespace

Result<std::string> RenderShellCommand(const ShellCommand& command) {
  if (command.argv.empty()) {
    return MakeError(ErrorKind::kInvalidInput, "cannot write an empty command to an ifupdown file");
  }
  std::string out;
  for (size_t i = 0; i < command.argv.size(); ++i) {
    VNET_TRY(CheckArgument(command.argv[i], i == 0));
    out += (i == 0 ? "" : " ") + command.argv[i];
  }
  return command.ignore_failure ? out + " || true" : out;
}

}  // namespace vnet::ifupdown
