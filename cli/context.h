// What every command receives: the global options, and the few interactive
// services (editor, prompt, stdin) that main provides so that Run functions
// stay free of terminal I/O.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "core/error.h"

namespace vnet::cli {

/// The user-facing side effects `edit` needs; main supplies the terminal one.
class Interaction {
 public:
  virtual ~Interaction() = default;
  /// Runs $VISUAL / $EDITOR / vi on `path`; an error if it cannot be run or
  /// exits non-zero.
  virtual Status Edit(const std::string& path) = 0;
  /// Whether a person can answer AskReedit (stdin and stderr are terminals).
  virtual bool IsInteractive() const = 0;
  /// Shows `errors`, then virsh's "Failed. Try again? [y,n,f,?]: " until the
  /// answer is y (edit again), n (discard) or f (try to define the same text
  /// again). Only called when IsInteractive().
  virtual char AskReedit(const std::string& message, const std::vector<Error>& errors) = 0;
};

struct Context {
  std::string root = "/";
  bool json = false;
  bool verbose = false;
  bool quiet = false;
  bool color = true;
  std::string backend = "auto";  // accepted now, used by later commands
  Interaction* interaction = nullptr;
  std::istream* in = nullptr;  // stdin, for "define -"

  /// Host state may be probed only when operating on the real root.
  bool OnHostRoot() const { return root == "/"; }
};

}  // namespace vnet::cli
