#pragma once
/// What storing an item needs that costs CPU (SHA-1 of its content, SimHash of its text, its
/// canonical URL): computed from the parsed document on the worker pool, before the document
/// reaches the storage thread, which then only runs SQL.
#include <string>
#include <vector>

#include "feeds/dedup/story_match.hpp"
#include "feeds/model/feed.hpp"

namespace feedd {

struct ItemDigest {
  std::string content_fingerprint;  ///< feeds::content_fingerprint: tells a changed item
  feeds::StoryFingerprint story;    ///< without its date, which storage adds
};

/// One digest per item of `document`, in order. `policy` must be the Store's story policy.
std::vector<ItemDigest> digest_items(const feeds::Feed& document, const feeds::StoryPolicy& policy);

}  // namespace feedd
