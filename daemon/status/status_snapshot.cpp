#include "daemon/status/status_snapshot.hpp"

#include <algorithm>
#include <tuple>

namespace feedd {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

int state_rank(FeedState state) {
  switch (state) {
    case FeedState::failing: return 0;
    case FeedState::disabled: return 1;
    case FeedState::active: return 2;
  }
  return 2;
}

void add_daily_counts(std::vector<FeedStatus>& feeds, const std::vector<DailyItemCount>& counts,
                      sys_days first_day) {
  for (const auto& count : counts) {
    const auto index = (count.day - first_day).count();
    if (index < 0 || index >= static_cast<long>(sparkline_days)) continue;
    auto found = std::find_if(feeds.begin(), feeds.end(), [&](const FeedStatus& status) {
      return status.feed.id == count.feed_id;
    });
    if (found != feeds.end()) found->items_per_day[static_cast<std::size_t>(index)] = count.items;
  }
}

void add_fetch_summaries(std::vector<FeedStatus>& feeds,
                         const std::vector<FeedFetchSummary>& summaries) {
  for (auto& status : feeds) {
    auto found = std::lower_bound(
        summaries.begin(), summaries.end(), status.feed.id,
        [](const FeedFetchSummary& summary, FeedId id) { return summary.feed_id < id; });
    if (found == summaries.end() || found->feed_id != status.feed.id) continue;
    status.median_fetch_duration = found->median_duration;
    status.last_http_status = found->last_http_status;
  }
}

void add_duplicate_counts(std::vector<FeedStatus>& feeds, const std::vector<FeedStats>& stats) {
  for (auto& status : feeds) {
    auto found = std::find_if(stats.begin(), stats.end(), [&](const FeedStats& feed) {
      return feed.feed_id == status.feed.id;
    });
    if (found != stats.end()) status.duplicate_items = found->duplicate_items;
  }
}

}  // namespace

sys_days sparkline_first_day(TimePoint now) {
  return std::chrono::floor<days>(now) - days(sparkline_days - 1);
}

StatusSnapshot gather_status(Store& store, TimePoint now, TimePoint started_at) {
  StatusSnapshot snapshot;
  snapshot.taken_at = now;
  snapshot.started_at = started_at;
  for (auto& feed : store.list_feeds()) {
    if (feed.configured) snapshot.feeds.push_back(FeedStatus{std::move(feed), {}, {}, {}});
  }
  const auto first_day = sparkline_first_day(now);
  add_daily_counts(snapshot.feeds,
                   store.daily_item_counts(first_day, std::chrono::floor<days>(now)), first_day);
  add_fetch_summaries(snapshot.feeds, store.fetch_summaries());
  add_duplicate_counts(snapshot.feeds, store.feed_stats());
  order_failing_first(snapshot.feeds);
  snapshot.counts = store.status_counts(std::chrono::floor<days>(now));
  snapshot.latest_fetch = store.latest_fetch();
  return snapshot;
}

std::optional<FeedDetail> gather_feed_detail(Store& store, FeedId feed_id, TimePoint now,
                                             std::size_t fetch_limit, std::size_t item_limit) {
  auto feed = store.feed_by_id(feed_id);
  if (!feed) return std::nullopt;
  FeedDetail detail;
  detail.status.feed = std::move(*feed);
  detail.fetches = store.recent_fetches(feed_id, fetch_limit);
  detail.items = store.recent_items(item_limit, {feed_id});
  detail.status.median_fetch_duration = median_duration(detail.fetches);
  if (!detail.fetches.empty()) detail.status.last_http_status = detail.fetches.front().http_status;
  std::vector<FeedStatus> one;
  one.push_back(std::move(detail.status));
  const auto first_day = sparkline_first_day(now);
  add_daily_counts(one, store.daily_item_counts(first_day, std::chrono::floor<days>(now)),
                   first_day);
  detail.status = std::move(one.front());
  return detail;
}

void order_failing_first(std::vector<FeedStatus>& feeds) {
  std::stable_sort(feeds.begin(), feeds.end(), [](const FeedStatus& a, const FeedStatus& b) {
    return std::tuple(state_rank(a.feed.state), a.feed.display_title(), a.feed.id) <
           std::tuple(state_rank(b.feed.state), b.feed.display_title(), b.feed.id);
  });
}

FeedStateCounts count_feed_states(const std::vector<FeedStatus>& feeds) {
  FeedStateCounts counts;
  for (const auto& status : feeds) {
    switch (status.feed.state) {
      case FeedState::active: ++counts.active; break;
      case FeedState::failing: ++counts.failing; break;
      case FeedState::disabled: ++counts.disabled; break;
    }
  }
  return counts;
}

std::optional<double> full_text_success_rate(const StatusCounts& counts) {
  const auto finished = counts.recent_full_text_done + counts.recent_full_text_failed;
  if (finished == 0) return std::nullopt;
  return static_cast<double>(counts.recent_full_text_done) / static_cast<double>(finished);
}

std::optional<std::chrono::milliseconds> median_duration(const std::vector<FetchRecord>& fetches) {
  if (fetches.empty()) return std::nullopt;
  std::vector<std::chrono::milliseconds> durations;
  for (const auto& fetch : fetches) durations.push_back(fetch.duration);
  std::sort(durations.begin(), durations.end());
  const auto middle = durations.size() / 2;
  if (durations.size() % 2 == 1) return durations[middle];
  // Rounded half up, as the SQL median (avg of the middle two, + 0.5) does.
  return std::chrono::milliseconds((durations[middle - 1] + durations[middle]).count() + 1) / 2;
}

}  // namespace feedd
