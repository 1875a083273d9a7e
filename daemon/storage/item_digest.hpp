#pragma once
/// What storing an item needs that costs CPU (the fingerprint of its content, the SimHash of its
/// text, its canonical URL, its identity keys, its JSON columns): computed from the parsed
/// document on the worker pool, before the document reaches the storage thread, which then
/// mostly runs SQL.
#include <optional>
#include <string>
#include <vector>

#include "feeds/dedup/identity.hpp"
#include "feeds/dedup/story_match.hpp"
#include "feeds/model/feed.hpp"

namespace feedd {

struct ItemDigest {
  std::string content_fingerprint;  ///< feeds::content_fingerprint: tells a changed item
  feeds::StoryFingerprint story;    ///< without its date, which storage adds
  /// feeds::field_identity_key under `key_scheme`, the scheme the document alone would have
  /// (feeds::choose_identity_scheme). Storage chooses from the feed's stored scheme too; when
  /// that is another one, it computes the key itself.
  feeds::IdentityScheme key_scheme = feeds::IdentityScheme::content_hash;
  std::optional<std::string> field_key;
  /// The items row's JSON columns (storage/columns.hpp).
  std::string authors_json;
  std::string tags_json;
  std::string attachments_json;
};

/// One digest per item of `document`, in order. `policy` must be the Store's story policy.
std::vector<ItemDigest> digest_items(const feeds::Feed& document, const feeds::StoryPolicy& policy);

/// feeds::identity_key(item, scheme): the digest's own key when it holds that key, else the key
/// computed into `storage`.
const std::string& identity_key(const feeds::Item& item, const ItemDigest& digest,
                                feeds::IdentityScheme scheme, std::string& storage);

}  // namespace feedd
