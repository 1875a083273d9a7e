#pragma once
/// The daemon's storage: the one owner of the SQLite database. Every public operation is one
/// transaction (or a read), uses cached prepared statements, and either completes or throws
/// StorageError with nothing changed. Not thread-safe: call it from one thread (the writer).

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/storage/database.hpp"
#include "daemon/storage/records.hpp"
#include "daemon/storage/status_records.hpp"
#include "daemon/storage/storage_error.hpp"

namespace feedd {

class Store {
 public:
  /// Opens, checks and migrates the database at `path` (see Database). Throws StorageError.
  explicit Store(const std::filesystem::path& path, StoreOptions options = {});

  /// Upserts the configured feeds by URL (title override, tags) and returns their ids in the
  /// order given. Feeds missing from `subscriptions` keep their items but are marked not
  /// configured, so a SIGHUP that removes a feed stops its polling without losing anything.
  /// A stored feed matches a subscription by its subscribed URL, or by the URL it moved to.
  std::vector<FeedId> sync_feeds(const std::vector<Subscription>& subscriptions, TimePoint now);

  /// Stores the feeds not stored yet (as configured) and returns the ids of all, in the order
  /// given; stored feeds, their titles and tags, and every other feed stay as they are
  /// (`feedd poll --feed URL`).
  std::vector<FeedId> add_feeds(const std::vector<Subscription>& subscriptions, TimePoint now);

  /// Moves the feed to `url` after a permanent redirect (security.md §2 row 23); sync_feeds
  /// still matches it by its subscribed URL. Returns false, changing nothing, when another
  /// feed already has that URL.
  bool adopt_feed_url(FeedId feed_id, std::string_view url);

  /// Every feed, configured or not, by id.
  std::vector<FeedRecord> list_feeds();
  std::optional<FeedRecord> feed_by_id(FeedId id);
  /// The feed polled at `url`, else the feed subscribed as `url`.
  std::optional<FeedRecord> feed_by_url(std::string_view url);

  /// Stores one fetched document in ONE transaction: items upserted by (feed, identity key) —
  /// new ones inserted, edited ones updated in place, the rest only marked seen — then the
  /// feed's validators, state, hints, stats and next poll, then a fetch_log row.
  CommitResult commit_fetch(FeedId feed_id, const FetchCommit& fetch);

  /// A 304: the feed is healthy, items and validators unchanged. One transaction.
  void record_not_modified(FeedId feed_id, const NotModifiedFetch& fetch);

  /// A failed fetch: error state, counters, next poll, fetch_log. Items are never touched.
  void record_failure(FeedId feed_id, const FetchFailure& failure);

  /// Items due for extraction: pending, or failed with retries left and due by `now`, of
  /// configured feeds; oldest first.
  std::vector<FullTextJob> next_full_text_jobs(std::size_t limit, TimePoint now);

  /// Records one extraction attempt. A failure is retried after full_text_retry_delay × 2^n
  /// until full_text_max_attempts; then it stays failed for good (the summary is kept).
  /// Returns false when the item is gone (deleted by retention meanwhile).
  bool store_full_text(ItemId item_id, const FullTextResult& result, TimePoint now);

  /// Deletes items older than `max_age` and beyond the newest `max_items_per_feed` of each
  /// feed (by published_at, else first_seen_at), in bounded batches (one transaction each).
  /// Items still in a feed's latest document are kept, or the next fetch would store them
  /// again as new. Returns how many items were deleted.
  std::size_t apply_retention(std::chrono::seconds max_age, int max_items_per_feed,
                              TimePoint now);

  /// The newest items (by published_at, else first_seen_at), of the given feeds or of all
  /// feeds when `feed_ids` is empty.
  std::vector<ItemRecord> recent_items(std::size_t limit, const std::vector<FeedId>& feed_ids = {});
  std::optional<ItemRecord> item_by_id(ItemId id);

  /// Per-feed counts for the dashboard, by feed id.
  std::vector<FeedStats> feed_stats();

  /// For each of `item_ids` (in that order; unknown ids left out): its story and every source
  /// of it, the primary (earliest-seen) item first, then by first seen. An item without a story
  /// is its own only source. Reads indexes only (daemon/storage/story_reads.cpp).
  std::vector<StorySources> story_sources(const std::vector<ItemId>& item_ids);

  /// The feed's newest fetch_log rows, newest first.
  std::vector<FetchRecord> recent_fetches(FeedId feed_id, std::size_t limit);

  /// Opens a group commit (see WriteBatch): the write operations called until it commits share
  /// one SQLite transaction, none durable before the batch's commit; if one throws, roll the
  /// batch back. StorageOwner::write batches the bookkeeping of many fetches this way.
  WriteBatch begin_batch() { return db_.begin_batch(); }

  /// `PRAGMA wal_checkpoint(TRUNCATE)`, for idle moments.
  void checkpoint();

  /// Before a bulk load (`feedd poll` into a new database): while no item is stored, drops
  /// the items-by-date index, which closing the store builds again (Database). True if so.
  bool defer_date_index_if_empty();

  /// Full `PRAGMA integrity_check` plus foreign_key_check: "ok" or the problems.
  std::string integrity_check();

  // ---- Status reads (daemon/storage/status_reads.cpp): the dashboard, /api/status, /metrics.
  /// Items per feed per UTC day (by published_at, else first_seen_at), days first..last
  /// inclusive; days without items are left out.
  std::vector<DailyItemCount> daily_item_counts(std::chrono::sys_days first_day,
                                                std::chrono::sys_days last_day);
  /// Per feed with logged fetches, by feed id: median fetch duration, last HTTP status.
  std::vector<FeedFetchSummary> fetch_summaries();
  /// Items stored; items first seen since `day_start` and dated at most `new_item_age`
  /// before it (an archive backfill is not news); the full-text queue; and full-text outcomes
  /// among the newest `recent_window` items. Index reads only, never a pass over all items.
  StatusCounts status_counts(TimePoint day_start, std::chrono::days new_item_age = std::chrono::days(7),
                             std::size_t recent_window = 1000);
  /// The newest fetch_log row of any feed (the last poll activity).
  std::optional<FetchRecord> latest_fetch();
  /// A trivial query, for /healthz; throws StorageError when the database does not answer.
  void ping();
  // ---- end of status reads.

  // ---- Output reads (daemon/storage/output_reads.cpp): the merged feeds of daemon/publish.
  /// Where a page of output items ended: the last item's sort_date() and id.
  struct ItemCursor {
    TimePoint sort_date{};
    ItemId id = 0;
  };
  /// One page of the items of `feed_ids` (none when it is empty), newest first by sort_date()
  /// then id, strictly after `after` when given: a keyset page, so an output is read a page at
  /// a time instead of loading every item.
  std::vector<ItemRecord> output_items_page(const std::vector<FeedId>& feed_ids,
                                            const std::optional<ItemCursor>& after,
                                            std::size_t page_size);
  // ---- end of output reads.

  const std::filesystem::path& path() const { return db_.path(); }

 private:
  Database db_;
  StoreOptions options_;
};

}  // namespace feedd
