#pragma once
/// What the status pages show, gathered from storage in one storage operation and then only
/// rendered: the dashboard, /feeds/{id}, /api/status and the gauges of /metrics.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "daemon/storage/store.hpp"

namespace feedd {

/// Days covered by the per-feed sparkline, today (UTC) included.
inline constexpr std::size_t sparkline_days = 30;

/// One feed as the dashboard lists it.
struct FeedStatus {
  FeedRecord feed;
  std::optional<int> last_http_status;  ///< of the newest logged fetch
  std::optional<std::chrono::milliseconds> median_fetch_duration;
  /// Items dated on each of the last 30 UTC days, oldest first; the last is today.
  std::array<std::int64_t, sparkline_days> items_per_day{};
  /// Items of this feed that joined a story another feed brought first (FeedStats).
  std::int64_t duplicate_items = 0;
};

/// Everything the dashboard and /api/status show.
struct StatusSnapshot {
  TimePoint taken_at{};    ///< "now" of the gathering
  TimePoint started_at{};  ///< when the daemon started
  std::vector<FeedStatus> feeds;  ///< configured feeds, failing first (order_failing_first)
  StatusCounts counts;            ///< "today" starts at 00:00 UTC
  std::optional<FetchRecord> latest_fetch;
};

/// One feed's page: its row, its fetch log (newest first) and its newest items.
struct FeedDetail {
  FeedStatus status;
  std::vector<FetchRecord> fetches;
  std::vector<ItemRecord> items;
};

/// Feeds per state.
struct FeedStateCounts {
  std::int64_t active = 0;
  std::int64_t failing = 0;
  std::int64_t disabled = 0;
};

/// Reads the snapshot; call on the storage thread (inside StorageOwner::run).
StatusSnapshot gather_status(Store& store, TimePoint now, TimePoint started_at);

/// Reads one feed's page, or nullopt when there is no such feed; call on the storage thread.
std::optional<FeedDetail> gather_feed_detail(Store& store, FeedId feed_id, TimePoint now,
                                             std::size_t fetch_limit = 50,
                                             std::size_t item_limit = 30);

/// Failing feeds, then disabled ones, then the rest; by title within each group.
void order_failing_first(std::vector<FeedStatus>& feeds);

FeedStateCounts count_feed_states(const std::vector<FeedStatus>& feeds);

/// done / (done + failed for good) among the newest items; nullopt when none finished.
std::optional<double> full_text_success_rate(const StatusCounts& counts);

/// The median of the durations (mean of the middle two for an even count); nullopt if empty.
std::optional<std::chrono::milliseconds> median_duration(const std::vector<FetchRecord>& fetches);

/// The first UTC day of the sparkline ending on the day of `now`.
std::chrono::sys_days sparkline_first_day(TimePoint now);

}  // namespace feedd
