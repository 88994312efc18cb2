// core/validate/libvirt_error: one mapping from libvirt's error codes to
// virsh's prefixes and vnetctl's error kinds (exit codes).
#include "core/validate/libvirt_error.h"

#include <doctest/doctest.h>

namespace vnet {
namespace {

TEST_CASE("libvirt error codes: virsh's prefix and vnetctl's kind") {
  struct Case {
    LibvirtCode code;
    const char* text;
    ErrorKind kind;
  };
  const Case cases[] = {
      {LibvirtCode::kXmlError, "XML error: m", ErrorKind::kInvalidInput},
      {LibvirtCode::kInternalError, "internal error: m", ErrorKind::kInvalidInput},
      {LibvirtCode::kConfigUnsupported, "unsupported configuration: m", ErrorKind::kInvalidInput},
      {LibvirtCode::kXmlDetail, "m", ErrorKind::kInvalidInput},
      {LibvirtCode::kOperationInvalid, "Requested operation is not valid: m",
       ErrorKind::kOperationInvalid},
      {LibvirtCode::kOperationUnsupported, "Operation not supported: m", ErrorKind::kUnsupported},
      {LibvirtCode::kVnetctl, "m", ErrorKind::kInvalidInput},
  };
  for (const Case& c : cases) {
    Error e = LibvirtError(c.code, "m", SourceLoc{"f.xml", 3, "/network/ip"});
    CHECK(e.message == c.text);
    CHECK(e.kind == c.kind);
    CHECK(e.where.line == 3);
    CHECK(e.where.path == "/network/ip");
  }
}

}  // namespace
}  // namespace vnet
