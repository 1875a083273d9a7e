#include "daemon/storage/item_digest.hpp"

#include "daemon/storage/columns.hpp"

namespace feedd {
namespace {

ItemDigest digest_item(const feeds::Item& item, const feeds::StoryPolicy& policy,
                       feeds::IdentityScheme key_scheme, feeds::ContentFingerprinter& fingerprint) {
  ItemDigest digest;
  digest.content_fingerprint = fingerprint(item);
  digest.story = feeds::story_fingerprint(item, policy, std::nullopt);
  digest.key_scheme = key_scheme;
  digest.field_key = feeds::field_identity_key(item, key_scheme);
  digest.authors_json = storage::persons_to_json(item.authors);
  digest.tags_json = storage::strings_to_json(item.tags);
  digest.attachments_json = storage::attachments_to_json(item.attachments);
  return digest;
}

}  // namespace

std::vector<ItemDigest> digest_items(const feeds::Feed& document, const feeds::StoryPolicy& policy) {
  std::vector<ItemDigest> digests;
  digests.reserve(document.items.size());
  // One key per item, of the scheme storage picks unless the feed keeps an earlier one.
  const auto key_scheme = feeds::choose_identity_scheme(document.items);
  feeds::ContentFingerprinter fingerprint;
  for (const auto& item : document.items)
    digests.push_back(digest_item(item, policy, key_scheme, fingerprint));
  return digests;
}

const std::string& identity_key(const feeds::Item& item, const ItemDigest& digest,
                                feeds::IdentityScheme scheme, std::string& storage) {
  if (scheme == digest.key_scheme && digest.field_key) return *digest.field_key;
  return storage = feeds::identity_key(item, scheme);
}

}  // namespace feedd
