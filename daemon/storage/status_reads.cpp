#include <algorithm>

#include "daemon/storage/columns.hpp"
#include "daemon/storage/store.hpp"

namespace feedd {
namespace storage {
namespace {

// The range on the sort date is answered by the items_by_date index.
constexpr const char* select_daily_item_counts = R"sql(
SELECT feed_id, coalesce(published_at, first_seen_at) / 86400 AS day, count(*)
FROM items
WHERE coalesce(published_at, first_seen_at) >= ?1 AND coalesce(published_at, first_seen_at) < ?2
GROUP BY feed_id, day)sql";

// The fetch_log keeps at most fetch_log_per_feed rows per feed, so one pass over it is bounded.
constexpr const char* select_median_durations = R"sql(
SELECT feed_id, avg(duration_ms) FROM (
  SELECT feed_id, duration_ms,
         row_number() OVER (PARTITION BY feed_id ORDER BY duration_ms) AS position,
         count(*) OVER (PARTITION BY feed_id) AS total
  FROM fetch_log)
WHERE position IN ((total + 1) / 2, (total + 2) / 2)
GROUP BY feed_id ORDER BY feed_id)sql";

constexpr const char* select_last_http_status = R"sql(
SELECT feed_id, http_status FROM fetch_log
WHERE id IN (SELECT max(id) FROM fetch_log GROUP BY feed_id))sql";

// feeds.items_count is kept exact by triggers: no pass over items.
constexpr const char* select_items_total = "SELECT coalesce(sum(items_count), 0) FROM feeds";

// The range on the sort date is answered by items_by_date; an archive backfill (old items
// first seen today) lies outside it and is not "new".
constexpr const char* select_new_items = R"sql(
SELECT count(*) FROM items
WHERE coalesce(published_at, first_seen_at) >= ?2 AND first_seen_at >= ?1)sql";

// Answered by the covering partial index items_full_text_queue.
constexpr const char* select_full_text_queue = R"sql(
SELECT coalesce(sum(full_text_status = 'pending'), 0),
  coalesce(sum(full_text_status = 'failed' AND full_text_next_attempt_at IS NOT NULL), 0),
  coalesce(sum(full_text_status = 'failed' AND full_text_next_attempt_at IS NULL), 0)
FROM items WHERE full_text_status IN ('pending', 'failed'))sql";

// Done and skipped have no index: they are counted over the newest items only, walking
// items_by_date, so the dashboard never reads the whole table (and its overflow pages).
constexpr const char* select_recent_full_text = R"sql(
SELECT count(*), coalesce(sum(full_text_status = 'done'), 0),
  coalesce(sum(full_text_status = 'failed' AND full_text_next_attempt_at IS NULL), 0),
  coalesce(sum(full_text_status = 'skipped'), 0)
FROM (SELECT full_text_status, full_text_next_attempt_at FROM items
      ORDER BY coalesce(published_at, first_seen_at) DESC LIMIT ?1))sql";

constexpr const char* select_latest_fetch_feed =
    "SELECT feed_id FROM fetch_log ORDER BY id DESC LIMIT 1";

constexpr const char* select_one = "SELECT 1";

}  // namespace
}  // namespace storage

std::vector<DailyItemCount> Store::daily_item_counts(std::chrono::sys_days first_day,
                                                     std::chrono::sys_days last_day) {
  return storage::run_operation(path().string(), "daily_item_counts", [&] {
    auto query = db_.statement(storage::select_daily_item_counts);
    query->bind(1, static_cast<int64_t>(storage::to_unix(first_day)));
    query->bind(2, static_cast<int64_t>(storage::to_unix(last_day + std::chrono::days(1))));
    std::vector<DailyItemCount> counts;
    while (query->executeStep()) {
      DailyItemCount count;
      count.feed_id = query->getColumn(0).getInt64();
      count.day = std::chrono::sys_days(
          std::chrono::days(query->getColumn(1).getInt64()));
      count.items = query->getColumn(2).getInt64();
      counts.push_back(count);
    }
    return counts;
  });
}

std::vector<FeedFetchSummary> Store::fetch_summaries() {
  return storage::run_operation(path().string(), "fetch_summaries", [&] {
    std::vector<FeedFetchSummary> summaries;
    {
      auto query = db_.statement(storage::select_median_durations);
      while (query->executeStep()) {
        FeedFetchSummary summary;
        summary.feed_id = query->getColumn(0).getInt64();
        summary.median_duration = std::chrono::milliseconds(
            static_cast<std::int64_t>(query->getColumn(1).getDouble() + 0.5));
        summaries.push_back(summary);
      }
    }
    auto query = db_.statement(storage::select_last_http_status);
    while (query->executeStep()) {
      const FeedId feed_id = query->getColumn(0).getInt64();
      auto found = std::lower_bound(
          summaries.begin(), summaries.end(), feed_id,
          [](const FeedFetchSummary& summary, FeedId id) { return summary.feed_id < id; });
      if (found == summaries.end() || found->feed_id != feed_id) continue;
      if (auto status = storage::int_column(*query, 1)) {
        found->last_http_status = static_cast<int>(*status);
      }
    }
    return summaries;
  });
}

StatusCounts Store::status_counts(TimePoint day_start, std::chrono::days new_item_age,
                                  std::size_t recent_window) {
  return storage::run_operation(path().string(), "status_counts", [&] {
    StatusCounts counts;
    {
      auto query = db_.statement(storage::select_items_total);
      query->executeStep();
      counts.items = query->getColumn(0).getInt64();
    }
    {
      auto query = db_.statement(storage::select_new_items);
      query->bind(1, static_cast<int64_t>(storage::to_unix(day_start)));
      query->bind(2, static_cast<int64_t>(storage::to_unix(day_start - new_item_age)));
      query->executeStep();
      counts.items_new_today = query->getColumn(0).getInt64();
    }
    {
      auto query = db_.statement(storage::select_full_text_queue);
      query->executeStep();
      counts.full_text_pending = query->getColumn(0).getInt64();
      counts.full_text_retrying = query->getColumn(1).getInt64();
      counts.full_text_failed = query->getColumn(2).getInt64();
    }
    auto query = db_.statement(storage::select_recent_full_text);
    query->bind(1, static_cast<int64_t>(recent_window));
    query->executeStep();
    counts.recent_items = query->getColumn(0).getInt64();
    counts.recent_full_text_done = query->getColumn(1).getInt64();
    counts.recent_full_text_failed = query->getColumn(2).getInt64();
    counts.recent_full_text_skipped = query->getColumn(3).getInt64();
    return counts;
  });
}

std::optional<FetchRecord> Store::latest_fetch() {
  const auto feed_id = storage::run_operation(
      path().string(), "latest_fetch", [&]() -> std::optional<FeedId> {
        auto query = db_.statement(storage::select_latest_fetch_feed);
        if (!query->executeStep()) return std::nullopt;
        return query->getColumn(0).getInt64();
      });
  if (!feed_id) return std::nullopt;
  auto fetches = recent_fetches(*feed_id, 1);
  if (fetches.empty()) return std::nullopt;
  return fetches.front();
}

void Store::ping() {
  storage::run_operation(path().string(), "ping", [&] {
    auto query = db_.statement(storage::select_one);
    query->executeStep();
  });
}

}  // namespace feedd
