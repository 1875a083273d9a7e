#include "daemon/storage/columns.hpp"
#include "daemon/storage/store.hpp"

namespace feedd {
namespace storage {
namespace {

// Items still in their feed's latest document (last_seen_at = last_document_at) are kept:
// deleting them would make the next fetch store them again as new.
constexpr const char* delete_expired = R"sql(
DELETE FROM items WHERE id IN (
  SELECT i.id FROM items i JOIN feeds f ON f.id = i.feed_id
  WHERE coalesce(i.published_at, i.first_seen_at) < ?1
    AND (f.last_document_at IS NULL OR i.last_seen_at < f.last_document_at)
  LIMIT ?2))sql";

constexpr const char* delete_beyond_count = R"sql(
DELETE FROM items WHERE id IN (
  SELECT id FROM (
    SELECT i.id, i.last_seen_at, f.last_document_at AS document_at,
           row_number() OVER (PARTITION BY i.feed_id
                              ORDER BY coalesce(i.published_at, i.first_seen_at) DESC,
                                       i.id DESC) AS rank
    FROM items i JOIN feeds f ON f.id = i.feed_id
    WHERE f.items_count > ?1)
  WHERE rank > ?1 AND (document_at IS NULL OR last_seen_at < document_at)
  LIMIT ?2))sql";

/// Runs one DELETE batch after another, each in its own transaction, until a batch comes up
/// short: a long cleanup never holds the write lock for long.
std::size_t delete_in_batches(Database& db, const char* sql, std::int64_t bound, int batch) {
  std::size_t deleted = 0;
  for (;;) {
    auto transaction = db.begin_write();
    int changes = 0;
    {
      auto statement = db.statement(sql);
      statement->bind(1, static_cast<int64_t>(bound));
      statement->bind(2, batch);
      changes = statement->exec();
    }
    transaction.commit();
    deleted += static_cast<std::size_t>(changes);
    if (changes < batch) return deleted;
  }
}

}  // namespace
}  // namespace storage

std::size_t Store::apply_retention(std::chrono::seconds max_age, int max_items_per_feed,
                                   TimePoint now) {
  return storage::run_operation(path().string(), "apply_retention", [&] {
    const int batch = std::max(options_.retention_batch, 1);
    std::size_t deleted = storage::delete_in_batches(
        db_, storage::delete_expired, storage::to_unix(now - max_age), batch);
    deleted += storage::delete_in_batches(db_, storage::delete_beyond_count,
                                          std::max(max_items_per_feed, 0), batch);
    return deleted;
  });
}

}  // namespace feedd
