// "Did you mean …?" for a mistyped command, as ninja does.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vnet::cli {

/// The candidate closest to `word` by edit distance, if within 2 edits (or
/// `word` is a prefix of exactly one candidate).
std::optional<std::string> Suggest(std::string_view word,
                                   const std::vector<std::string_view>& candidates);

}  // namespace vnet::cli
