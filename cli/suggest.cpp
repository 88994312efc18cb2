#include "cli/suggest.h"

#include <algorithm>
#include <numeric>

namespace vnet::cli {

namespace {

constexpr size_t kMaxDistance = 2;

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> Suggest(std::string_view word,
                                   const std::vector<std::string_view>& candidates) {
  std::optional<std::string> best;
  size_t best_distance = kMaxDistance + 1;
  size_t prefix_matches = 0;
  std::string_view prefix_match;
  for (std::string_view c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
    if (!word.empty() && c.substr(0, word.size()) == word) {
      ++prefix_matches;
      prefix_match = c;
    }
  }
  if (best) return best;
  if (prefix_matches == 1) return std::string(prefix_match);
  return std::nullopt;
}

}  // namespace vnet::cli
