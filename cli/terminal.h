// The real Interaction: the user's editor and prompts on the terminal. Part of
// main's printing layer.
#pragma once

#include "cli/context.h"

namespace vnet::cli {

class Terminal : public Interaction {
 public:
  Status Edit(const std::string& path) override;
  bool IsInteractive() const override;
  char AskReedit(const std::string& message, const std::vector<Error>& errors) override;
};

}  // namespace vnet::cli
