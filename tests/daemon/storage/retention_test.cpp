#include <gtest/gtest.h>

#include <set>

#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

class Retention : public ::testing::Test {
 protected:
  StoreOptions options() {
    StoreOptions options;
    options.retention_batch = 7;  // several batches per call
    return options;
  }

  std::set<std::string> stored_guids(FeedId feed) {
    std::set<std::string> guids;
    for (const auto& item : store_.recent_items(100000, {feed})) guids.insert(*item.guid);
    return guids;
  }

  TempDir dir_;
  std::filesystem::path path_ = dir_.file("feedd.db");
  Store store_{path_, options()};
  std::vector<FeedId> feeds_ = store_.sync_feeds(
      {{"https://a.example/feed", {}, {}}, {"https://b.example/feed", {}, {}}}, base_time);
};

TEST_F(Retention, DeletesItemsOlderThanTheMaximumAge) {
  // guid-0..39 one hour apart; the last document holds only guid-30..39.
  store_.commit_fetch(feeds_[0], make_fetch(numbered_items(0, 30)));
  store_.commit_fetch(feeds_[0], make_fetch(numbered_items(30, 10), base_time + 1h));
  const auto now = at(1700000000 + 3600 * 20) + std::chrono::days(1);
  EXPECT_EQ(store_.apply_retention(std::chrono::days(1), 1000, now), 20u);
  const auto guids = stored_guids(feeds_[0]);
  EXPECT_EQ(guids.size(), 20u);
  EXPECT_EQ(*guids.begin(), "guid-20");
  EXPECT_EQ(store_.feed_by_id(feeds_[0])->items_count, 20);
  EXPECT_EQ(store_.integrity_check(), "ok");
}

TEST_F(Retention, KeepsTheNewestItemsPerFeed) {
  store_.commit_fetch(feeds_[0], make_fetch(numbered_items(0, 25)));
  store_.commit_fetch(feeds_[0], make_fetch(numbered_items(25, 1), base_time + 1h));
  store_.commit_fetch(feeds_[1], make_fetch(numbered_items(100, 5)));
  EXPECT_EQ(store_.apply_retention(std::chrono::days(100000), 10, base_time + 2h), 16u);
  const auto guids = stored_guids(feeds_[0]);
  EXPECT_EQ(guids.size(), 10u);
  EXPECT_TRUE(guids.count("guid-25"));
  EXPECT_TRUE(guids.count("guid-16"));
  EXPECT_FALSE(guids.count("guid-15"));
  EXPECT_EQ(stored_guids(feeds_[1]).size(), 5u);
}

TEST_F(Retention, KeepsItemsStillInTheLatestDocument) {
  store_.commit_fetch(feeds_[0], make_fetch(numbered_items(0, 30)));
  EXPECT_EQ(store_.apply_retention(std::chrono::days(1), 5, base_time + std::chrono::days(3650)), 0u);
  EXPECT_EQ(stored_guids(feeds_[0]).size(), 30u);
  // Once they left the document they go, and a later fetch does not bring them back.
  store_.commit_fetch(feeds_[0], make_fetch(numbered_items(30, 2), base_time + 1h));
  EXPECT_EQ(store_.apply_retention(std::chrono::days(100000), 5, base_time + 2h), 27u);
  EXPECT_EQ(stored_guids(feeds_[0]).size(), 5u);
}

TEST_F(Retention, UndatedItemsExpireByFirstSeen) {
  std::vector<feeds::Item> undated{make_item("old")};
  store_.commit_fetch(feeds_[0], make_fetch(undated));
  store_.commit_fetch(feeds_[0], make_fetch({make_item("new")}, base_time + std::chrono::days(10)));
  EXPECT_EQ(store_.apply_retention(std::chrono::days(5), 1000, base_time + std::chrono::days(10)), 1u);
  EXPECT_EQ(stored_guids(feeds_[0]), (std::set<std::string>{"new"}));
}

}  // namespace
}  // namespace feedd
