#pragma once
/// Random URL-like strings for the differential tests of the URL shortcuts: a start ("http://",
/// "HTTP://", "ftp://"...) and a few pieces, most of them near misses of what a shortcut takes.

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace feeds::testing {

inline std::string random_url(std::mt19937& random, const std::vector<std::string_view>& starts,
                              const std::vector<std::string_view>& pieces, unsigned max_pieces) {
  std::string url(starts[random() % starts.size()]);
  const auto count = random() % (max_pieces + 1);
  for (unsigned i = 0; i < count; ++i) url += pieces[random() % pieces.size()];
  return url;
}

}  // namespace feeds::testing
