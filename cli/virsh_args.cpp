#include "cli/virsh_args.h"

#include <CLI/CLI.hpp>
#include <deque>

namespace vnet::cli {

struct VirshArg {
  std::string name;
  std::string* target = nullptr;
  bool required = true;
  std::string positional, named;  // what CLI11 parsed into each form
  CLI::Option* positional_opt = nullptr;
  CLI::Option* named_opt = nullptr;
};

struct VirshArgs::State {
  std::deque<VirshArg> args;  // a deque: CLI11 keeps pointers into each Arg

  // CLI11 fills the positionals in declaration order; virsh gives them to the
  // arguments not named, in order.
  void Resolve() {
    std::deque<std::string> given;
    for (VirshArg& a : args) {
      if (a.positional_opt->count() > 0) given.push_back(a.positional);
    }
    for (VirshArg& a : args) {
      if (a.named_opt->count() > 0) {
        *a.target = a.named;
      } else if (!given.empty()) {
        *a.target = given.front();
        given.pop_front();
      } else if (a.required) {
        throw CLI::RequiredError(a.name);
      }
    }
    if (!given.empty()) throw CLI::ExtrasError({given.begin(), given.end()});
  }
};

VirshArgs::VirshArgs(CLI::App& app) : app_(app), state_(std::make_shared<State>()) {
  std::shared_ptr<State> state = state_;
  app.parse_complete_callback([state] { state->Resolve(); });
}

VirshArgs& VirshArgs::Add(const std::string& name, std::string& target, const std::string& help,
                          bool required) {
  VirshArg& a = state_->args.emplace_back();
  a.name = name;
  a.target = &target;
  a.required = required;
  a.positional_opt = app_.add_option(name, a.positional, help);
  a.named_opt =
      app_.add_option("--" + name, a.named, "the same, named (virsh's form)")->type_name("TEXT");
  return *this;
}

}  // namespace vnet::cli
