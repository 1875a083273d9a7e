#pragma once
/// Internal to storage: stores one item of a fetch by (feed, identity key).

#include <string>

#include "daemon/storage/database.hpp"
#include "daemon/storage/records.hpp"

namespace feedd::storage {

enum class UpsertOutcome { inserted, updated, unchanged, skipped };

struct UpsertResult {
  UpsertOutcome outcome;
  ItemId id;
};

/// One item to store: its identity, whether to queue full text, and when it was fetched.
struct ItemWrite {
  FeedId feed_id = 0;
  const feeds::Item* item = nullptr;
  const ItemDigest* digest = nullptr;  ///< digest_items() of the item
  const feeds::StoryPolicy* story_policy = nullptr;
  const std::string* identity_key = nullptr;  ///< outlives the write
  bool queue_full_text = false;
  bool may_insert = true;  ///< false: update it if stored, but do not add it (archive items)
  /// false: the feed has no stored item (its first document), so the item is inserted without
  /// looking up its key first.
  bool may_be_stored = true;
  TimePoint fetched_at{};
};

/// New key → insert (first_seen_at = fetched_at) into its story (place_new_item); same key with
/// another content fingerprint → update in place; same fingerprint → only last_seen_at; new but
/// !may_insert → skipped. Call inside a write transaction. An insert is not counted in
/// feeds.items_count: the caller adds its inserts (commit_fetch's update of the feed row).
UpsertResult upsert_item(Database& db, const ItemWrite& write);

}  // namespace feedd::storage
