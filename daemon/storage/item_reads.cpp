#include "daemon/storage/columns.hpp"
#include "daemon/storage/store.hpp"

namespace feedd {
namespace storage {
namespace {

#define FEEDD_ITEM_COLUMNS                                                                   \
  "id, feed_id, identity_key, guid, url, canonical_url, orig_link, comments_url, title, "  \
  "authors, published_at, updated_at, summary, content_html, tags, "                      \
  "attachments, content_fingerprint, first_seen_at, last_seen_at, full_text_html, "        \
  "full_text_text, full_text_status, full_text_method, full_text_error, "                  \
  "full_text_attempts, full_text_next_attempt_at, summary_is_content_text"

// ?1 is a JSON array of feed ids, or NULL for every feed.
constexpr const char* select_recent_items =
    "SELECT " FEEDD_ITEM_COLUMNS " FROM items "
    "WHERE ?1 IS NULL OR feed_id IN (SELECT value FROM json_each(?1)) "
    "ORDER BY coalesce(published_at, first_seen_at) DESC, id DESC LIMIT ?2";

constexpr const char* select_item_by_id = "SELECT " FEEDD_ITEM_COLUMNS " FROM items WHERE id = ?1";

#undef FEEDD_ITEM_COLUMNS

// The primary's feed is a scalar subquery: as a join, SQLite 3.40 scanned the whole
// items_by_feed_date index for every duplicate (100 s for 40k items) instead of a rowid lookup.
constexpr const char* select_feed_stats = R"sql(
SELECT f.id, f.items_count,
  (SELECT max(coalesce(published_at, first_seen_at)) FROM items WHERE feed_id = f.id),
  (SELECT count(*) FROM items WHERE feed_id = f.id AND (full_text_status = 'pending'
     OR (full_text_status = 'failed' AND full_text_next_attempt_at IS NOT NULL))),
  (SELECT count(*) FROM items WHERE feed_id = f.id AND full_text_status = 'failed'
     AND full_text_next_attempt_at IS NULL),
  (SELECT count(*) FROM items i JOIN stories s ON s.id = i.story_id
   WHERE i.feed_id = f.id
     AND (SELECT p.feed_id FROM items p WHERE p.id = s.primary_item_id) != f.id)
FROM feeds f ORDER BY f.id)sql";

std::optional<FullTextStatus> full_text_status_from(const std::optional<std::string>& name) {
  if (!name) return std::nullopt;
  for (auto status : {FullTextStatus::pending, FullTextStatus::done, FullTextStatus::failed,
                      FullTextStatus::skipped}) {
    if (*name == to_string(status)) return status;
  }
  return std::nullopt;
}

void read_item_content(const SQLite::Statement& row, ItemRecord& item) {
  item.title = text_column(row, 8);
  item.authors = persons_from_json(row.getColumn(9).getString());
  item.published_at = time_column(row, 10);
  item.updated_at = time_column(row, 11);
  item.content_html = text_column(row, 13);
  item.summary = summary_column(row, 12, 26, item.content_html);
  item.tags = strings_from_json(row.getColumn(14).getString());
  item.attachments = attachments_from_json(row.getColumn(15).getString());
  item.content_fingerprint = row.getColumn(16).getString();
}

void read_item_full_text(const SQLite::Statement& row, ItemRecord& item) {
  item.full_text_html = text_column(row, 19);
  item.full_text_text = text_column(row, 20);
  item.full_text_status = full_text_status_from(text_column(row, 21));
  item.full_text_method = text_column(row, 22);
  item.full_text_error = text_column(row, 23);
  item.full_text_attempts = row.getColumn(24).getInt();
  item.full_text_next_attempt_at = time_column(row, 25);
}

ItemRecord read_item(const SQLite::Statement& row) {
  ItemRecord item;
  item.id = row.getColumn(0).getInt64();
  item.feed_id = row.getColumn(1).getInt64();
  item.identity_key = row.getColumn(2).getString();
  item.guid = text_column(row, 3);
  item.url = text_column(row, 4);
  item.canonical_url = text_column(row, 5);
  item.orig_link = text_column(row, 6);
  item.comments_url = text_column(row, 7);
  read_item_content(row, item);
  item.first_seen_at = from_unix(row.getColumn(17).getInt64());
  item.last_seen_at = from_unix(row.getColumn(18).getInt64());
  read_item_full_text(row, item);
  return item;
}

FeedStats read_stats(const SQLite::Statement& row) {
  FeedStats stats;
  stats.feed_id = row.getColumn(0).getInt64();
  stats.items_count = row.getColumn(1).getInt64();
  stats.newest_item_at = time_column(row, 2);
  stats.full_text_pending = row.getColumn(3).getInt64();
  stats.full_text_failed = row.getColumn(4).getInt64();
  stats.duplicate_items = row.getColumn(5).getInt64();
  return stats;
}

}  // namespace

ItemId highest_item_id(Database& db) {
  auto select = db.statement("SELECT coalesce(max(id), 0) FROM items");
  select->executeStep();
  return select->getColumn(0).getInt64();
}

}  // namespace storage

std::vector<ItemRecord> Store::recent_items(std::size_t limit, const std::vector<FeedId>& feed_ids) {
  return storage::run_operation(path().string(), "recent_items", [&] {
    auto query = db_.statement(storage::select_recent_items);
    if (!feed_ids.empty()) query->bind(1, storage::ids_to_json(feed_ids));
    query->bind(2, static_cast<int64_t>(limit));
    std::vector<ItemRecord> items;
    while (query->executeStep()) items.push_back(storage::read_item(*query));
    return items;
  });
}

std::optional<ItemRecord> Store::item_by_id(ItemId id) {
  return storage::run_operation(path().string(), "item_by_id", [&]() -> std::optional<ItemRecord> {
    auto query = db_.statement(storage::select_item_by_id);
    query->bind(1, static_cast<int64_t>(id));
    if (!query->executeStep()) return std::nullopt;
    return storage::read_item(*query);
  });
}

std::vector<FeedStats> Store::feed_stats() {
  return storage::run_operation(path().string(), "feed_stats", [&] {
    auto query = db_.statement(storage::select_feed_stats);
    std::vector<FeedStats> stats;
    while (query->executeStep()) stats.push_back(storage::read_stats(*query));
    return stats;
  });
}

}  // namespace feedd
