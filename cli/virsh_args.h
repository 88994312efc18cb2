// virsh's grammar for a command's data arguments (tools/vsh.c): each one is
// both positional and named (`net-undefine default`, `net-undefine --network
// default`, `--network=default`), and the values given positionally fill, in
// order, the arguments not given by name (`net-update --command add-last
// default ip-dhcp-host --xml X`). Scripts use both forms.
#pragma once

#include <memory>
#include <string>

namespace CLI {
class App;
}

namespace vnet::cli {

class VirshArgs {
 public:
  /// Resolves the arguments declared with Add once `app` is parsed; a
  /// required one given neither way is CLI11's "NAME is required" (exit 64).
  explicit VirshArgs(CLI::App& app);
  /// Declares the next argument: positional NAME and option --NAME, bound to
  /// `target`.
  VirshArgs& Add(const std::string& name, std::string& target, const std::string& help,
                 bool required = true);

  struct State;

 private:
  CLI::App& app_;
  std::shared_ptr<State> state_;
};

}  // namespace vnet::cli
