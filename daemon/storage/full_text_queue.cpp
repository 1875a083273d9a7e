#include "daemon/storage/columns.hpp"
#include "daemon/storage/store.hpp"
#include "daemon/storage/story_assign.hpp"

namespace feedd {
namespace storage {
namespace {

constexpr const char* select_due_jobs = R"sql(
SELECT i.id, i.feed_id, f.subscribed_url, i.url, i.full_text_attempts
FROM items i JOIN feeds f ON f.id = i.feed_id
WHERE f.configured = 1 AND i.url IS NOT NULL
  AND (i.full_text_status = 'pending'
       OR (i.full_text_status = 'failed' AND i.full_text_next_attempt_at <= ?1))
ORDER BY i.id LIMIT ?2)sql";

constexpr const char* select_attempts = "SELECT full_text_attempts FROM items WHERE id = ?1";

constexpr const char* store_done = R"sql(
UPDATE items SET full_text_status = 'done', full_text_html = ?2, full_text_text = ?3,
  full_text_method = ?4, full_text_error = NULL, full_text_next_attempt_at = NULL
WHERE id = ?1)sql";

constexpr const char* store_skipped = R"sql(
UPDATE items SET full_text_status = 'skipped', full_text_error = ?2,
  full_text_next_attempt_at = NULL
WHERE id = ?1)sql";

// A NULL next attempt ends the retries: the item keeps its summary.
constexpr const char* store_failed = R"sql(
UPDATE items SET full_text_status = 'failed', full_text_error = ?2,
  full_text_attempts = full_text_attempts + 1, full_text_next_attempt_at = ?3
WHERE id = ?1)sql";

std::optional<int> stored_attempts(Database& db, ItemId item_id) {
  auto query = db.statement(select_attempts);
  query->bind(1, static_cast<int64_t>(item_id));
  if (!query->executeStep()) return std::nullopt;
  return query->getColumn(0).getInt();
}

std::optional<TimePoint> next_attempt(int failed_attempts, const StoreOptions& options,
                                      TimePoint now) {
  if (failed_attempts >= options.full_text_max_attempts) return std::nullopt;
  const int doublings = std::min(failed_attempts - 1, 16);
  return now + options.full_text_retry_delay * (std::int64_t{1} << std::max(doublings, 0));
}

void write_result(Database& db, ItemId item_id, const FullTextResult& result,
                  std::optional<TimePoint> retry_at) {
  using Outcome = FullTextResult::Outcome;
  const char* sql = result.outcome == Outcome::done      ? store_done
                    : result.outcome == Outcome::skipped ? store_skipped
                                                         : store_failed;
  auto update = db.statement(sql);
  update->bind(1, static_cast<int64_t>(item_id));
  if (result.outcome == Outcome::done) {
    update->bind(2, result.html);
    update->bind(3, result.text);
    update->bind(4, result.method);
  } else {
    update->bind(2, result.error);
    if (result.outcome == Outcome::failed) bind_time(*update, 3, retry_at);
  }
  update->exec();
}

}  // namespace
}  // namespace storage

std::vector<FullTextJob> Store::next_full_text_jobs(std::size_t limit, TimePoint now) {
  return storage::run_operation(path().string(), "next_full_text_jobs", [&] {
    auto query = db_.statement(storage::select_due_jobs);
    query->bind(1, static_cast<int64_t>(storage::to_unix(now)));
    query->bind(2, static_cast<int64_t>(limit));
    std::vector<FullTextJob> jobs;
    while (query->executeStep()) {
      jobs.push_back({query->getColumn(0).getInt64(), query->getColumn(1).getInt64(),
                      query->getColumn(2).getString(), query->getColumn(3).getString(),
                      query->getColumn(4).getInt()});
    }
    return jobs;
  });
}

bool Store::store_full_text(ItemId item_id, const FullTextResult& result, TimePoint now) {
  return storage::run_operation(path().string(), "store_full_text", [&] {
    auto transaction = db_.begin_write();
    const auto attempts = storage::stored_attempts(db_, item_id);
    if (!attempts) return false;
    storage::write_result(db_, item_id, result,
                          storage::next_attempt(*attempts + 1, options_, now));
    if (result.outcome == FullTextResult::Outcome::done && !result.canonical_url.empty())
      storage::apply_page_canonical(db_, item_id, result.canonical_url, options_.story_policy);
    transaction.commit();
    return true;
  });
}

}  // namespace feedd
