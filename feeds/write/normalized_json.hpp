#pragma once
/// The normalized parse output of parse-output.md (JSON Feed 1.1 plus `_` extensions).

#include <string>

#include "feeds/model/feed.hpp"

namespace feeds {

/// Serializes a parsed feed as the one JSON object of parse-output.md §1 (all keys present).
std::string to_normalized_json(const Feed& feed);

}  // namespace feeds
