#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

TEST(SyncFeeds, InsertsThenUpdatesByUrl) {
  TempDir dir;
  Store store(dir.file("feedd.db"));
  const auto ids = store.sync_feeds({{"https://a.example/feed", "A", {"news"}},
                                     {"https://b.example/feed", {}, {}}},
                                    base_time);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_NE(ids[0], ids[1]);
  const auto again = store.sync_feeds({{"https://b.example/feed", "B", {"x", "y"}},
                                       {"https://a.example/feed", {}, {}}},
                                      base_time + 1h);
  EXPECT_EQ(again, (std::vector<FeedId>{ids[1], ids[0]}));
  const auto a = *store.feed_by_url("https://a.example/feed");
  EXPECT_EQ(a.title_override, std::nullopt);
  EXPECT_TRUE(a.tags.empty());
  EXPECT_EQ(a.created_at, base_time);
  const auto b = *store.feed_by_id(ids[1]);
  EXPECT_EQ(b.display_title(), "B");
  EXPECT_EQ(b.tags, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(a.display_title(), "https://a.example/feed");
  EXPECT_FALSE(store.feed_by_url("https://c.example/feed"));
}

TEST(SyncFeeds, RemovedFeedKeepsItsItemsButIsNotConfigured) {
  TempDir dir;
  Store store(dir.file("feedd.db"));
  const auto ids = store.sync_feeds({{"https://a.example/feed", {}, {}},
                                     {"https://b.example/feed", {}, {}}},
                                    base_time);
  store.commit_fetch(ids[0], make_fetch(numbered_items(0, 3)));
  store.sync_feeds({{"https://b.example/feed", {}, {}}}, base_time + 1h);
  const auto removed = *store.feed_by_id(ids[0]);
  EXPECT_FALSE(removed.configured);
  EXPECT_EQ(removed.items_count, 3);
  EXPECT_EQ(store.recent_items(10, {ids[0]}).size(), 3u);
  EXPECT_TRUE(store.feed_by_id(ids[1])->configured);
  // Added back: the same row, configured again.
  EXPECT_EQ(store.sync_feeds({{"https://a.example/feed", {}, {}}}, base_time + 2h)[0], ids[0]);
  EXPECT_TRUE(store.feed_by_id(ids[0])->configured);
  EXPECT_EQ(store.list_feeds().size(), 2u);
}

TEST(AddFeeds, AddsMissingFeedsAndLeavesTheRestAlone) {
  TempDir dir;
  Store store(dir.file("feedd.db"));
  const auto configured = store.sync_feeds({{"https://a.example/feed", "A", {"news"}},
                                            {"https://b.example/feed", {}, {}}},
                                           base_time);
  const auto ids = store.add_feeds({{"https://a.example/feed", {}, {}},
                                    {"https://c.example/feed", {}, {}}},
                                   base_time + 1h);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], configured[0]);
  const auto a = *store.feed_by_id(ids[0]);
  EXPECT_EQ(a.title_override, "A") << "a stored feed keeps its settings";
  EXPECT_EQ(a.tags, (std::vector<std::string>{"news"}));
  EXPECT_TRUE(store.feed_by_id(configured[1])->configured);
  EXPECT_EQ(store.feed_by_id(ids[1])->url, "https://c.example/feed");
  EXPECT_EQ(store.list_feeds().size(), 3u);
}

TEST(AdoptFeedUrl, MovesTheFeedAndSyncStillFindsIt) {
  TempDir dir;
  Store store(dir.file("feedd.db"));
  const auto id = store.sync_feeds({{"http://old.example/feed", "Old", {}}}, base_time)[0];
  store.commit_fetch(id, make_fetch(numbered_items(0, 2)));
  ASSERT_TRUE(store.adopt_feed_url(id, "https://new.example/feed"));
  const auto moved = *store.feed_by_id(id);
  EXPECT_EQ(moved.url, "https://new.example/feed");
  EXPECT_EQ(moved.subscribed_url, "http://old.example/feed");
  EXPECT_EQ(store.feed_by_url("https://new.example/feed")->id, id);
  EXPECT_EQ(store.feed_by_url("http://old.example/feed")->id, id);
  // The config still names the old URL: the same feed, not a second one.
  EXPECT_EQ(store.sync_feeds({{"http://old.example/feed", "Old", {}}}, base_time + 1h)[0], id);
  EXPECT_EQ(store.sync_feeds({{"https://new.example/feed", {}, {}}}, base_time + 1h)[0], id);
  EXPECT_EQ(store.list_feeds().size(), 1u);
  EXPECT_EQ(store.feed_by_id(id)->items_count, 2);
}

TEST(AdoptFeedUrl, RefusesAUrlAnotherFeedHas) {
  TempDir dir;
  Store store(dir.file("feedd.db"));
  const auto ids = store.sync_feeds({{"https://a.example/feed", {}, {}},
                                     {"https://b.example/feed", {}, {}}},
                                    base_time);
  EXPECT_FALSE(store.adopt_feed_url(ids[0], "https://b.example/feed"));
  EXPECT_EQ(store.feed_by_id(ids[0])->url, "https://a.example/feed");
  EXPECT_TRUE(store.adopt_feed_url(ids[0], "https://a.example/feed")) << "its own URL";
  EXPECT_FALSE(store.adopt_feed_url(ids[0] + 10, "https://c.example/feed")) << "no such feed";
}

}  // namespace
}  // namespace feedd
