#include <gtest/gtest.h>

#include "daemon/status/status_snapshot.hpp"
#include "daemon/storage/storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;
using std::chrono::days;
using std::chrono::floor;

FetchFailure failure_at(TimePoint now, std::chrono::milliseconds duration, int http_status) {
  FetchFailure failure;
  failure.kind = "http_status";
  failure.detail = "HTTP 503";
  failure.http_status = http_status;
  failure.started_at = now;
  failure.fetched_at = now;
  failure.duration = duration;
  failure.next_poll_at = now + 1h;
  return failure;
}

// Items one per `dates`, in one fetch at `now`.
FetchCommit fetch_dated(const std::string& prefix, const std::vector<TimePoint>& dates,
                        TimePoint now) {
  std::vector<feeds::Item> items;
  for (std::size_t i = 0; i < dates.size(); ++i) {
    items.push_back(make_item(prefix + std::to_string(i), dates[i]));
  }
  return make_fetch(std::move(items), now);
}

class StatusReads : public StoreFixture {
 protected:
  FeedId second_ = store_.sync_feeds({{"https://example.org/feed.xml", {}, {}},
                                      {"https://example.net/other.xml", {}, {}}},
                                     base_time)[1];
  TimePoint now_ = base_time + 10 * 24h + 12h;  // 2024-01-11 12:00
};

TEST_F(StatusReads, EmptyDatabaseGathersZeros) {
  const auto snapshot = gather_status(store_, now_, base_time);
  ASSERT_EQ(snapshot.feeds.size(), 2u);
  EXPECT_EQ(snapshot.counts.items, 0);
  EXPECT_EQ(snapshot.counts.items_new_today, 0);
  EXPECT_EQ(snapshot.counts.recent_items, 0);
  EXPECT_FALSE(snapshot.latest_fetch);
  EXPECT_FALSE(snapshot.feeds[0].median_fetch_duration);
  for (auto count : snapshot.feeds[0].items_per_day) EXPECT_EQ(count, 0);
}

TEST_F(StatusReads, CountsItemsPerUtcDayOverThirtyDays) {
  const auto today = floor<days>(now_);
  store_.commit_fetch(feed_, fetch_dated("a", {today + 1h, today + 2h, today - days(1) + 5h,
                                               today - days(29), today - days(30) + 23h},
                                         now_));
  const auto snapshot = gather_status(store_, now_, base_time);
  const auto& feed = *std::find_if(snapshot.feeds.begin(), snapshot.feeds.end(),
                                   [&](const FeedStatus& s) { return s.feed.id == feed_; });
  EXPECT_EQ(feed.items_per_day[29], 2) << "today";
  EXPECT_EQ(feed.items_per_day[28], 1) << "yesterday";
  EXPECT_EQ(feed.items_per_day[0], 1) << "29 days ago";
  std::int64_t total = 0;
  for (auto count : feed.items_per_day) total += count;
  EXPECT_EQ(total, 4) << "the item of 30 days ago is outside the sparkline";
  EXPECT_EQ(snapshot.counts.items, 5);
  EXPECT_EQ(snapshot.counts.items_new_today, 3)
      << "first seen today; the archive (dated over a week before) is not new";
}

TEST_F(StatusReads, NewTodayCountsItemsFirstSeenSinceMidnight) {
  const auto today = floor<days>(now_);
  store_.commit_fetch(feed_, fetch_dated("old", {today - days(3)}, today - days(1)));
  store_.commit_fetch(second_, fetch_dated("new", {today - days(3), today, today - days(10)},
                                           today + 1h));
  const auto snapshot = gather_status(store_, now_, base_time);
  EXPECT_EQ(snapshot.counts.items, 4);
  EXPECT_EQ(snapshot.counts.items_new_today, 2);
}

TEST_F(StatusReads, MedianFetchDurationAndLastHttpStatusPerFeed) {
  store_.commit_fetch(feed_, fetch_dated("a", {now_}, now_));  // 120 ms, HTTP 200
  store_.record_failure(feed_, failure_at(now_ + 1h, 300ms, 503));
  store_.record_failure(feed_, failure_at(now_ + 2h, 1000ms, 502));
  store_.record_failure(second_, failure_at(now_ + 1h, 40ms, 500));
  store_.record_failure(second_, failure_at(now_ + 2h, 60ms, 0));
  const auto summaries = store_.fetch_summaries();
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_EQ(summaries[0].feed_id, feed_);
  EXPECT_EQ(summaries[0].median_duration, 300ms);
  EXPECT_EQ(summaries[0].last_http_status, 502);
  EXPECT_EQ(summaries[1].median_duration, 50ms) << "mean of the middle two";
  EXPECT_FALSE(summaries[1].last_http_status) << "the newest fetch had no HTTP status";
  const auto latest = store_.latest_fetch();
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->feed_id, second_);
  EXPECT_EQ(latest->started_at, now_ + 2h);
}

TEST_F(StatusReads, FailingFeedsComeFirst) {
  store_.commit_fetch(feed_, fetch_dated("a", {now_}, now_));
  store_.record_failure(second_, failure_at(now_, 10ms, 503));
  const auto snapshot = gather_status(store_, now_, base_time);
  ASSERT_EQ(snapshot.feeds.size(), 2u);
  EXPECT_EQ(snapshot.feeds[0].feed.id, second_);
  EXPECT_EQ(snapshot.feeds[0].feed.state, FeedState::failing);
  EXPECT_EQ(count_feed_states(snapshot.feeds).failing, 1);
  EXPECT_EQ(count_feed_states(snapshot.feeds).active, 1);
}

TEST_F(StatusReads, FullTextOutcomesAreCounted) {
  auto fetch = fetch_dated("a", {now_, now_ - 1h, now_ - 2h, now_ - 3h}, now_);
  fetch.full_text = FullTextMode::always;
  const auto result = store_.commit_fetch(feed_, fetch);
  ASSERT_EQ(result.full_text_items.size(), 4u);
  const auto& ids = result.full_text_items;
  ASSERT_EQ(store_.item_by_id(ids[0])->sort_date(), now_) << "queued in document order";
  store_.store_full_text(ids[0], {FullTextResult::Outcome::done, "<p>x</p>", "x", "readability", ""},
                         now_);
  store_.store_full_text(ids[1], {FullTextResult::Outcome::skipped, "", "", "", "not html"}, now_);
  store_.store_full_text(ids[2], {FullTextResult::Outcome::failed, "", "", "", "HTTP 500"}, now_);
  const auto counts = gather_status(store_, now_, base_time).counts;
  EXPECT_EQ(counts.full_text_pending, 1);
  EXPECT_EQ(counts.full_text_retrying, 1);
  EXPECT_EQ(counts.full_text_failed, 0);
  EXPECT_EQ(counts.recent_items, 4);
  EXPECT_EQ(counts.recent_full_text_done, 1);
  EXPECT_EQ(counts.recent_full_text_skipped, 1);
  EXPECT_EQ(full_text_success_rate(counts), 1.0);
  const auto newest_two = store_.status_counts(floor<days>(now_), days(7), 2);
  EXPECT_EQ(newest_two.recent_items, 2);
  EXPECT_EQ(newest_two.recent_full_text_done, 1);
  EXPECT_EQ(newest_two.recent_full_text_skipped, 1);
  EXPECT_EQ(newest_two.full_text_retrying, 1) << "the queue is counted over all items";
}

TEST_F(StatusReads, ItemsFailedForGoodCountAgainstTheSuccessRate) {
  auto fetch = fetch_dated("a", {now_, now_ - 1h}, now_);
  fetch.full_text = FullTextMode::always;
  const auto ids = store_.commit_fetch(feed_, fetch).full_text_items;
  ASSERT_EQ(ids.size(), 2u);
  store_.store_full_text(ids[0], {FullTextResult::Outcome::done, "<p>x</p>", "x", "selector", ""},
                         now_);
  for (int attempt = 0; attempt < StoreOptions{}.full_text_max_attempts; ++attempt) {
    store_.store_full_text(ids[1], {FullTextResult::Outcome::failed, "", "", "", "HTTP 500"},
                           now_ + days(attempt));
  }
  const auto counts = store_.status_counts(floor<days>(now_));
  EXPECT_EQ(counts.full_text_failed, 1);
  EXPECT_EQ(counts.full_text_retrying, 0);
  EXPECT_EQ(counts.recent_full_text_failed, 1);
  EXPECT_EQ(full_text_success_rate(counts), 0.5);
}

TEST_F(StatusReads, FeedDetailHasFetchesItemsAndNoneForUnknownIds) {
  store_.commit_fetch(feed_, fetch_dated("a", {now_}, now_));
  store_.record_failure(feed_, failure_at(now_ + 1h, 300ms, 503));
  const auto detail = gather_feed_detail(store_, feed_, now_ + 1h);
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->fetches.size(), 2u);
  EXPECT_EQ(detail->items.size(), 1u);
  EXPECT_EQ(detail->status.last_http_status, 503);
  EXPECT_EQ(detail->status.median_fetch_duration, 210ms);
  EXPECT_EQ(detail->status.items_per_day[29], 1);
  EXPECT_FALSE(gather_feed_detail(store_, 9999, now_));
}

TEST_F(StatusReads, PingAnswers) { EXPECT_NO_THROW(store_.ping()); }

}  // namespace
}  // namespace feedd
