#include "core/validate/libvirt_error.h"

#include <string>
#include <utility>

namespace vnet {

std::string_view LibvirtPrefix(LibvirtCode code) {
  switch (code) {
    case LibvirtCode::kXmlError:
      return "XML error: ";
    case LibvirtCode::kInternalError:
      return "internal error: ";
    case LibvirtCode::kConfigUnsupported:
      return "unsupported configuration: ";
    case LibvirtCode::kOperationInvalid:
      return "Requested operation is not valid: ";
    case LibvirtCode::kOperationUnsupported:
      return "Operation not supported: ";
    case LibvirtCode::kXmlDetail:
    case LibvirtCode::kVnetctl:
      return "";
  }
  return "";
}

Error LibvirtError(LibvirtCode code, std::string_view message, SourceLoc where) {
  ErrorKind kind = ErrorKind::kInvalidInput;
  if (code == LibvirtCode::kOperationInvalid) kind = ErrorKind::kOperationInvalid;
  if (code == LibvirtCode::kOperationUnsupported) kind = ErrorKind::kUnsupported;
  std::string text(LibvirtPrefix(code));
  text += message;
  return MakeError(kind, std::move(text), std::move(where));
}

}  // namespace vnet
