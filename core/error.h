// Errors and exit codes shared by every layer. No exceptions cross module
// boundaries: functions that can fail return Result<T>.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace vnet {

/// Process exit codes, documented in vnetctl(1).
enum class ExitCode : int {
  kOk = 0,
  kFailure = 1,
  kDiffFound = 2,
  kUsage = 64,
  kInvalidInput = 65,
  kUnavailable = 69,
  kPermission = 77,
  kInterrupted = 130,
};

/// What went wrong, in terms the CLI maps onto an exit code.
enum class ErrorKind {
  kInvalidInput,      // the XML or a value in it is wrong (65)
  kNotFound,          // no such network (1)
  kOperationInvalid,  // e.g. network already defined/active (1)
  kUnsupported,       // a backend cannot realize an element (65)
  kUsage,             // bad command line (64)
  kUnavailable,       // backend or dependency missing (69)
  kPermission,        // not root, or EACCES (77)
  kSystem,            // I/O or command failure (1)
};

ExitCode ExitCodeFor(ErrorKind kind);

/// Where in an input document an error was found. `file` may be empty (stdin is
/// reported as "-"); `line` is 0 when unknown; `path` is an XPath-like element path
/// such as /network/ip[1]/dhcp/host[2]/@mac.
struct SourceLoc {
  std::string file;
  int line = 0;
  std::string path;
};

struct Error {
  ErrorKind kind = ErrorKind::kSystem;
  std::string message;  // libvirt's wording where libvirt has a message
  SourceLoc where;

  /// "FILE:LINE: MESSAGE" (or less when the location is unknown), without the
  /// "vnetctl: error: " prefix, which only the CLI adds.
  std::string Format() const;
};

inline Error MakeError(ErrorKind kind, std::string message, SourceLoc where = {}) {
  return Error{kind, std::move(message), std::move(where)};
}

/// A value or an Error; a small stand-in for C++23 std::expected.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }
  Error& error() { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
/// Result of an operation that returns nothing on success.
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace vnet

/// Propagates an error from an expression returning Result<...>.
#define VNET_TRY(expr)                              \
  do {                                              \
    auto vnet_try_result_ = (expr);                 \
    if (!vnet_try_result_.ok()) return vnet_try_result_.error(); \
  } while (0)

/// Declares `lhs` from a Result-returning expression, or propagates its error.
#define VNET_ASSIGN_OR_RETURN(lhs, expr) VNET_ASSIGN_OR_RETURN_IMPL_(VNET_CONCAT_(r_, __LINE__), lhs, expr)
#define VNET_CONCAT_INNER_(a, b) a##b
#define VNET_CONCAT_(a, b) VNET_CONCAT_INNER_(a, b)
#define VNET_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.error();                \
  lhs = std::move(tmp).value()
