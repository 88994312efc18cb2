// libvirt's error codes as vnetctl reports them: the prefix virsh prints
// before the message, and the error kind that decides vnetctl's exit code.
// The one mapping both the validation rules and `update`'s editors use.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/error.h"

namespace vnet {

enum class LibvirtCode : uint8_t {
  kXmlError,              // VIR_ERR_XML_ERROR: "XML error: "
  kInternalError,         // VIR_ERR_INTERNAL_ERROR: "internal error: "
  kConfigUnsupported,     // VIR_ERR_CONFIG_UNSUPPORTED: "unsupported configuration: "
  kXmlDetail,             // VIR_ERR_XML_DETAIL: no prefix
  kOperationInvalid,      // VIR_ERR_OPERATION_INVALID: "Requested operation is not valid: "
  kOperationUnsupported,  // VIR_ERR_OPERATION_UNSUPPORTED: "Operation not supported: "
  kVnetctl,               // vnetctl's own rules: no prefix
};

/// What virsh prints before a message of `code` ("" for none).
std::string_view LibvirtPrefix(LibvirtCode code);

/// The error virsh would print for `code` and `message`: kOperationInvalid
/// and kOperationUnsupported keep their kinds (exit 1, 69), every other code
/// is invalid input (exit 65).
Error LibvirtError(LibvirtCode code, std::string_view message, SourceLoc where = {});

}  // namespace vnet
