#pragma once
/// What the status reads of the Store return (daemon/storage/status_reads.cpp): the numbers
/// behind the dashboard, /api/status and /metrics.

#include <chrono>
#include <cstdint>
#include <optional>

#include "daemon/storage/records.hpp"

namespace feedd {

/// How many items of one feed are dated (published_at, else first_seen_at) on one UTC day.
struct DailyItemCount {
  FeedId feed_id = 0;
  std::chrono::sys_days day{};
  std::int64_t items = 0;
};

/// Per-feed numbers from the kept fetch_log rows.
struct FeedFetchSummary {
  FeedId feed_id = 0;
  std::chrono::milliseconds median_duration{0};  ///< over the kept log (up to fetch_log_per_feed)
  std::optional<int> last_http_status;           ///< of the newest fetch; absent for file:/transport errors
};

/// Whole-database counts, each read through an index (see Store::status_counts).
struct StatusCounts {
  std::int64_t items = 0;            ///< items stored
  std::int64_t items_new_today = 0;  ///< first seen since day start, dated at most N days before it
  std::int64_t full_text_pending = 0;   ///< never tried yet (all items)
  std::int64_t full_text_retrying = 0;  ///< failed, another attempt scheduled (all items)
  std::int64_t full_text_failed = 0;    ///< failed for good (all items)
  std::int64_t recent_items = 0;        ///< size of the window of newest items below
  std::int64_t recent_full_text_done = 0;     ///< among the newest items
  std::int64_t recent_full_text_failed = 0;   ///< failed for good, among the newest items
  std::int64_t recent_full_text_skipped = 0;  ///< among the newest items
};

}  // namespace feedd
