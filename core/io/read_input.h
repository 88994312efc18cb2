// Reading a document the user names on the command line: a file, or "-" for
// standard input. Bounded in size and refused if it holds a NUL byte, so that
// nothing downstream sees a truncated or binary document.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

#include "core/error.h"

namespace vnet::io {

/// The whole content of `path` ("-" = `in`). Errors: "cannot open 'P': …"
/// (kSystem, or kPermission), "'P' is larger than N bytes" and
/// "'P' contains a NUL byte" (kInvalidInput).
Result<std::string> ReadInput(const std::string& path, std::istream* in, size_t max_bytes);

}  // namespace vnet::io
