#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

FetchFailure failure_at(TimePoint now, std::string kind, bool disable = false) {
  FetchFailure failure;
  failure.kind = std::move(kind);
  failure.detail = "detail of " + failure.kind;
  failure.http_status = failure.kind == "http_status" ? 503 : 0;
  failure.started_at = now;
  failure.fetched_at = now;
  failure.duration = 10s;
  failure.next_poll_at = now + 1h;
  failure.retry_after_until = now + 2h;
  failure.disable = disable;
  return failure;
}

class FeedState_ : public ::testing::Test {
 protected:
  TempDir dir_;
  Store store_{dir_.file("feedd.db")};
  FeedId feed_ = store_.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time)[0];
};

TEST_F(FeedState_, FailureRecordsTheErrorAndLeavesItemsAlone) {
  store_.commit_fetch(feed_, make_fetch(numbered_items(0, 3)));
  const auto items_before = store_.recent_items(10);
  store_.record_failure(feed_, failure_at(base_time + 1h, "http_status"));
  store_.record_failure(feed_, failure_at(base_time + 2h, "timeout_body"));
  const auto feed = *store_.feed_by_id(feed_);
  EXPECT_EQ(feed.state, FeedState::failing);
  EXPECT_EQ(feed.last_error, "detail of timeout_body");
  EXPECT_EQ(feed.last_error_kind, "timeout_body");
  EXPECT_EQ(feed.error_count, 2);
  EXPECT_EQ(feed.consecutive_errors, 2);
  EXPECT_EQ(feed.last_fetch_at, base_time + 2h);
  EXPECT_EQ(feed.last_success_at, base_time);
  EXPECT_EQ(feed.next_poll_at, base_time + 3h);
  EXPECT_EQ(feed.retry_after_until, base_time + 4h);
  EXPECT_EQ(feed.etag, "\"v1\"") << "validators survive a failure";
  const auto items_after = store_.recent_items(10);
  ASSERT_EQ(items_after.size(), items_before.size());
  for (std::size_t i = 0; i < items_after.size(); ++i) {
    EXPECT_EQ(items_after[i].last_seen_at, items_before[i].last_seen_at);
    EXPECT_EQ(items_after[i].content_html, items_before[i].content_html);
  }
  const auto fetches = store_.recent_fetches(feed_, 10);
  ASSERT_EQ(fetches.size(), 3u);
  EXPECT_EQ(fetches[0].outcome, FetchLogOutcome::error);
  EXPECT_EQ(fetches[0].error_kind, "timeout_body");
  EXPECT_EQ(fetches[1].http_status, 503);
  EXPECT_EQ(fetches[2].outcome, FetchLogOutcome::ok);
}

TEST_F(FeedState_, SuccessAfterFailuresResetsTheStreakButNotTheTotal) {
  store_.record_failure(feed_, failure_at(base_time, "dns"));
  store_.commit_fetch(feed_, make_fetch(numbered_items(0, 1), base_time + 1h));
  const auto feed = *store_.feed_by_id(feed_);
  EXPECT_EQ(feed.state, FeedState::active);
  EXPECT_EQ(feed.consecutive_errors, 0);
  EXPECT_EQ(feed.error_count, 1);
  EXPECT_EQ(feed.last_error, std::nullopt);
  EXPECT_EQ(feed.retry_after_until, std::nullopt);
}

TEST_F(FeedState_, GoneDisablesTheFeedUntilASuccess) {
  auto gone = failure_at(base_time, "http_status", true);
  gone.detail = "HTTP 410 Gone";
  store_.record_failure(feed_, gone);
  EXPECT_EQ(store_.feed_by_id(feed_)->state, FeedState::disabled);
  EXPECT_EQ(store_.feed_by_id(feed_)->disabled_reason, "HTTP 410 Gone");
  store_.record_failure(feed_, failure_at(base_time + 1h, "timeout_body"));
  EXPECT_EQ(store_.feed_by_id(feed_)->state, FeedState::disabled);
  EXPECT_EQ(store_.feed_by_id(feed_)->disabled_reason, "HTTP 410 Gone");
  store_.record_not_modified(feed_, {base_time + 2h, base_time + 2h, 5ms, 0, {}, {}});
  EXPECT_EQ(store_.feed_by_id(feed_)->state, FeedState::active);
  EXPECT_EQ(store_.feed_by_id(feed_)->disabled_reason, std::nullopt);
}

TEST_F(FeedState_, NotModifiedKeepsValidatorsAndItems) {
  store_.commit_fetch(feed_, make_fetch(numbered_items(0, 2)));
  store_.record_not_modified(feed_, {base_time + 1h, base_time + 1h, 5ms, 0, 300s, base_time + 2h});
  const auto feed = *store_.feed_by_id(feed_);
  EXPECT_EQ(feed.etag, "\"v1\"");
  EXPECT_EQ(feed.last_success_at, base_time + 1h);
  EXPECT_EQ(feed.last_document_at, base_time);
  EXPECT_EQ(feed.next_poll_at, base_time + 2h);
  EXPECT_EQ(feed.http_max_age, 300s);
  EXPECT_EQ(feed.items_count, 2);
  EXPECT_EQ(store_.recent_fetches(feed_, 1)[0].outcome, FetchLogOutcome::not_modified);
  EXPECT_EQ(store_.recent_fetches(feed_, 1)[0].http_status, 304);
}

TEST_F(FeedState_, UnknownFeedIsAnError) {
  EXPECT_THROW(store_.record_failure(feed_ + 1, failure_at(base_time, "dns")), StorageError);
  EXPECT_THROW(store_.record_not_modified(feed_ + 1, {}), StorageError);
}

TEST(FetchLog, KeepsOnlyTheNewestRowsPerFeed) {
  TempDir dir;
  StoreOptions options;
  options.fetch_log_per_feed = 5;
  Store store(dir.file("feedd.db"), options);
  const auto ids = store.sync_feeds({{"https://a.example/feed", {}, {}},
                                     {"https://b.example/feed", {}, {}}},
                                    base_time);
  for (int n = 0; n < 12; ++n) {
    store.record_failure(ids[0], failure_at(base_time + std::chrono::minutes(n), "dns"));
  }
  store.record_failure(ids[1], failure_at(base_time, "dns"));
  const auto log = store.recent_fetches(ids[0], 100);
  ASSERT_EQ(log.size(), 5u);
  EXPECT_EQ(log.front().started_at, base_time + 11min);
  EXPECT_EQ(log.back().started_at, base_time + 7min);
  EXPECT_EQ(store.recent_fetches(ids[1], 100).size(), 1u);
  EXPECT_EQ(store.recent_fetches(ids[0], 2).size(), 2u);
}

}  // namespace
}  // namespace feedd
