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

namespace {

constexpr size_t kMaxMessageBytes = 1024;

// One line, whatever the input held: a value quoted from a document may carry
// a newline or escape sequence (which would forge further "vnetctl:" lines or
// drive the terminal) or be megabytes long.
std::string Escaped(std::string_view text, bool keep_newlines) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n' && keep_newlines) {
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += std::string("\\x") + kHex[u >> 4] + kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

std::string OneLine(std::string_view text) { return Escaped(text, false); }

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

// The start and the end of an overlong message (the end says what is wrong),
// cut between UTF-8 characters.
std::string Bounded(std::string text) {
  if (text.size() <= kMaxMessageBytes) return text;
  size_t head = kMaxMessageBytes / 2;
  while (head > 0 && IsContinuationByte(text[head])) --head;
  size_t tail = text.size() - kMaxMessageBytes / 2;
  while (tail < text.size() && IsContinuationByte(text[tail])) ++tail;
  return text.substr(0, head) + "[... " + std::to_string(tail - head) + " bytes ...]" +
         text.substr(tail);
}

}  // namespace

std::string Error::Format() const {
  // kSystem messages (what the host still differs in, a command's output) are
  // vnetctl's own and may span lines; everything else can quote user input.
  const bool quoted_input = kind != ErrorKind::kSystem;
  std::string out;
  if (!where.file.empty()) {
    out += OneLine(where.file);
    if (where.line > 0) out += ":" + std::to_string(where.line);
    out += ": ";
  }
  out += quoted_input ? Bounded(OneLine(message)) : Escaped(message, /*keep_newlines=*/true);
  if (!where.path.empty()) out += " (" + OneLine(where.path) + ")";
  return out;
}

}  // namespace vnet
