#pragma once
/// Title similarity (internal): Readability's _textSimilarity.

#include <string_view>

namespace feeds::detail {

/// 1 - (length of b's words that are not in a) / (length of all b's words); words are runs of
/// ASCII letters, digits and '_', lower-cased. 0 when either has no words.
double text_similarity(std::string_view a, std::string_view b);

}  // namespace feeds::detail
