#include "daemon/storage/item_digest.hpp"

#include "daemon/storage/columns.hpp"

namespace feedd {
namespace {

ItemDigest digest_item(const feeds::Item& item, const feeds::StoryPolicy& policy) {
  ItemDigest digest;
  digest.content_fingerprint = feeds::content_fingerprint(item);
  digest.story = feeds::story_fingerprint(item, policy, std::nullopt);
  digest.guid_key = feeds::field_identity_key(item, feeds::IdentityScheme::guid);
  digest.link_key = feeds::field_identity_key(item, feeds::IdentityScheme::link);
  digest.authors_json = storage::persons_to_json(item.authors);
  digest.tags_json = storage::strings_to_json(item.tags);
  digest.attachments_json = storage::attachments_to_json(item.attachments);
  return digest;
}

}  // namespace

std::vector<ItemDigest> digest_items(const feeds::Feed& document, const feeds::StoryPolicy& policy) {
  std::vector<ItemDigest> digests;
  digests.reserve(document.items.size());
  for (const auto& item : document.items) digests.push_back(digest_item(item, policy));
  return digests;
}

std::string identity_key(const feeds::Item& item, const ItemDigest& digest,
                         feeds::IdentityScheme scheme) {
  if (scheme == feeds::IdentityScheme::guid && digest.guid_key) return *digest.guid_key;
  if (scheme == feeds::IdentityScheme::link && digest.link_key) return *digest.link_key;
  return feeds::identity_key(item, scheme);
}

}  // namespace feedd
