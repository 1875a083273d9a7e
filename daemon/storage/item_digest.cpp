#include "daemon/storage/item_digest.hpp"

#include "feeds/dedup/identity.hpp"

namespace feedd {

std::vector<ItemDigest> digest_items(const feeds::Feed& document, const feeds::StoryPolicy& policy) {
  std::vector<ItemDigest> digests;
  digests.reserve(document.items.size());
  for (const auto& item : document.items) {
    digests.push_back({feeds::content_fingerprint(item), feeds::story_fingerprint(item, policy, std::nullopt)});
  }
  return digests;
}

}  // namespace feedd
