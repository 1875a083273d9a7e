#pragma once
/// Internal to storage: helpers shared by the files that implement Store.

#include <optional>
#include <string>

#include "daemon/storage/database.hpp"
#include "daemon/storage/records.hpp"

namespace feedd::storage {

/// The feed row, or nullopt.
std::optional<FeedRecord> load_feed(Database& db, FeedId id);

/// The feed row; throws StorageError naming the operation when there is none.
FeedRecord require_feed(Database& db, FeedId id, std::string_view operation);

/// The highest item id stored, 0 when there is none: how far ids reach, for the band tail and
/// the stored-keys filter to size their work, and where Database::next_item_id counts from.
ItemId highest_item_id(Database& db);

/// Appends a fetch_log row and trims the feed's log to its newest `keep` rows. Call inside the
/// fetch's transaction.
void append_fetch_log(Database& db, const FetchRecord& record, int keep);

}  // namespace feedd::storage
