#include "core/error.h"

namespace vnet {

ExitCode ExitCodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidInput:
    case ErrorKind::kUnsupported:
      return ExitCode::kInvalidInput;
    case ErrorKind::kUsage:
      return ExitCode::kUsage;
    case ErrorKind::kUnavailable:
      return ExitCode::kUnavailable;
    case ErrorKind::kPermission:
      return ExitCode::kPermission;
    case ErrorKind::kNotFound:
    case ErrorKind::kOperationInvalid:
    case ErrorKind::kSystem:
      return ExitCode::kFailure;
  }
  return ExitCode::kFailure;
}

std::string Error::Format() const {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) out += ":" + std::to_string(where.line);
    out += ": ";
  }
  out += message;
  if (!where.path.empty()) out += " (" + where.path + ")";
  return out;
}

}  // namespace vnet
