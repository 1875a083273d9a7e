#include <gtest/gtest.h>

#include "daemon/storage/full_text_policy.hpp"
#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;
using Outcome = FullTextResult::Outcome;

class FullTextQueue : public ::testing::Test {
 protected:
  StoreOptions options() {
    StoreOptions options;
    options.full_text_max_attempts = 3;
    options.full_text_retry_delay = 10min;
    return options;
  }

  std::vector<ItemId> commit(FeedId feed, std::vector<feeds::Item> items) {
    auto fetch = make_fetch(std::move(items));
    fetch.full_text = FullTextMode::always;
    return store_.commit_fetch(feed, fetch).full_text_items;
  }

  TempDir dir_;
  Store store_{dir_.file("feedd.db"), options()};
  FeedId feed_ = store_.sync_feeds({{"https://example.org/feed.xml", {}, {}}}, base_time)[0];
};

TEST_F(FullTextQueue, PendingItemsAreHandedOutOldestFirst) {
  const auto queued = commit(feed_, numbered_items(0, 3));
  ASSERT_EQ(queued.size(), 3u);
  const auto jobs = store_.next_full_text_jobs(2, base_time);
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].item_id, queued[0]);
  EXPECT_EQ(jobs[0].feed_id, feed_);
  EXPECT_EQ(jobs[0].feed_url, "https://example.org/feed.xml");
  EXPECT_EQ(jobs[0].url, "https://example.org/guid-0");
  EXPECT_EQ(jobs[0].attempts, 0);
}

TEST_F(FullTextQueue, DoneStoresTheArticleAndLeavesTheQueue) {
  const auto item = commit(feed_, numbered_items(0, 1)).at(0);
  EXPECT_TRUE(store_.store_full_text(item, {Outcome::done, "<p>Article</p>", "Article", "readability", ""}, base_time));
  const auto stored = *store_.item_by_id(item);
  EXPECT_EQ(stored.full_text_status, FullTextStatus::done);
  EXPECT_EQ(stored.full_text_html, "<p>Article</p>");
  EXPECT_EQ(stored.full_text_text, "Article");
  EXPECT_EQ(stored.full_text_method, "readability");
  EXPECT_TRUE(store_.next_full_text_jobs(10, base_time + std::chrono::days(30)).empty());
}

TEST_F(FullTextQueue, FailuresAreRetriedWithGrowingDelaysThenGivenUp) {
  const auto item = commit(feed_, numbered_items(0, 1)).at(0);
  const FullTextResult failed{Outcome::failed, "", "", "", "HTTP 503"};
  EXPECT_TRUE(store_.store_full_text(item, failed, base_time));
  EXPECT_TRUE(store_.next_full_text_jobs(10, base_time + 9min).empty());
  auto jobs = store_.next_full_text_jobs(10, base_time + 10min);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].attempts, 1);

  store_.store_full_text(item, failed, base_time + 10min);
  EXPECT_EQ(store_.item_by_id(item)->full_text_next_attempt_at, base_time + 30min);
  EXPECT_TRUE(store_.next_full_text_jobs(10, base_time + 29min).empty());
  ASSERT_EQ(store_.next_full_text_jobs(10, base_time + 30min).size(), 1u);

  store_.store_full_text(item, failed, base_time + 30min);  // third of three attempts
  const auto given_up = *store_.item_by_id(item);
  EXPECT_EQ(given_up.full_text_status, FullTextStatus::failed);
  EXPECT_EQ(given_up.full_text_attempts, 3);
  EXPECT_EQ(given_up.full_text_error, "HTTP 503");
  EXPECT_EQ(given_up.full_text_next_attempt_at, std::nullopt);
  EXPECT_EQ(given_up.summary, "Body of guid-0") << "the summary stays";
  EXPECT_TRUE(store_.next_full_text_jobs(10, base_time + std::chrono::days(365)).empty());
  EXPECT_EQ(store_.feed_stats().at(0).full_text_failed, 1);
}

TEST_F(FullTextQueue, SkippedLeavesTheQueueWithItsReason) {
  const auto item = commit(feed_, numbered_items(0, 1)).at(0);
  store_.store_full_text(item, {Outcome::skipped, "", "", "", "not HTML"}, base_time);
  EXPECT_EQ(store_.item_by_id(item)->full_text_status, FullTextStatus::skipped);
  EXPECT_EQ(store_.item_by_id(item)->full_text_error, "not HTML");
  EXPECT_TRUE(store_.next_full_text_jobs(10, base_time + std::chrono::days(1)).empty());
}

TEST_F(FullTextQueue, ResultForADeletedItemIsIgnored) {
  EXPECT_FALSE(store_.store_full_text(12345, {Outcome::done, "x", "x", "m", ""}, base_time));
}

TEST_F(FullTextQueue, FeedsNoLongerConfiguredAreNotExtracted) {
  commit(feed_, numbered_items(0, 2));
  EXPECT_EQ(store_.feed_stats().at(0).full_text_pending, 2);
  store_.sync_feeds({}, base_time);
  EXPECT_TRUE(store_.next_full_text_jobs(10, base_time).empty());
}

TEST(FullTextPolicy, FollowsTheFeedsMode) {
  auto teaser = make_item("t");
  teaser.content_text = teaser.summary = "A teaser.";
  auto article = make_item("a");
  article.content_text = std::string(5000, 'a');
  auto bare = make_item("b");
  bare.content_html.reset();
  bare.content_text.reset();
  bare.summary.reset();
  auto long_description = make_item("d");
  long_description.content_text = long_description.summary = std::string(5000, 'd');
  auto unlinked = teaser;
  unlinked.url.reset();

  EXPECT_TRUE(needs_full_text(teaser, FullTextMode::automatic));
  EXPECT_TRUE(needs_full_text(bare, FullTextMode::automatic));
  EXPECT_FALSE(needs_full_text(article, FullTextMode::automatic));
  EXPECT_FALSE(needs_full_text(long_description, FullTextMode::automatic));
  EXPECT_FALSE(needs_full_text(unlinked, FullTextMode::automatic));
  EXPECT_TRUE(needs_full_text(article, FullTextMode::always));
  EXPECT_FALSE(needs_full_text(unlinked, FullTextMode::always));
  EXPECT_FALSE(needs_full_text(teaser, FullTextMode::never));
}

}  // namespace
}  // namespace feedd
