// Merged feeds show one entry per story (issue 6): built from the story's primary item when the
// output has its feed, listing every source, primary first; `limit` counts stories.

#include <gtest/gtest.h>

#include "daemon/publish/merged_entry.hpp"
#include "daemon/publish/render_output.hpp"
#include "publish_test_support.hpp"

namespace feedd {
namespace {

using namespace publish_test;
using namespace std::string_literals;
using namespace std::chrono_literals;

/// An item of the shared story: `guid` differs per feed, the link is the same.
feeds::Item story_copy(const std::string& guid) {
  auto item = item_at(guid, 10, "The shared story");
  item.url = "https://wire.example/story";
  return item;
}

class StoryEntries : public ::testing::Test {
 protected:
  feeds::MergedFeed merged(const OutputConfig& output) {
    return load_merged_feed(store_, OutputSelector(output), OutputFormat::json, "http://h:1");
  }
  std::vector<std::string> ids_of(const feeds::MergedFeed& feed) {
    std::vector<std::string> ids;
    for (const auto& entry : feed.entries) ids.push_back(entry.id);
    return ids;
  }

  storage_test::TempDir dir_;
  Store store_{dir_.file("feedd.db")};
  // rust [rust], news [news], mixed [rust, news]
  std::vector<FeedId> ids_ = store_.sync_feeds(three_subscriptions(), base_time);
};

TEST_F(StoryEntries, OneEntryPerStoryFromThePrimaryWithEverySource) {
  commit_items(store_, ids_[1], {story_copy("urn:news:1")}, "News", base_time);
  commit_items(store_, ids_[0], {story_copy("urn:rust:1")}, "Rust", base_time + 1h);
  const auto feed = merged(make_output("all"));
  ASSERT_EQ(ids_of(feed), (std::vector<std::string>{"urn:news:1"}));
  const auto& sources = feed.entries[0].sources;
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0].feed_url, "https://news.example/rss");
  EXPECT_EQ(sources[0].feed_title, "News");
  EXPECT_EQ(sources[1].feed_url, "https://rust.example/feed.xml");
  EXPECT_EQ(sources[1].feed_title, "Rust Blog");
  EXPECT_EQ(sources[1].feed_home_url, "https://example.org/");
  EXPECT_EQ(sources[1].url, "https://wire.example/story");
  EXPECT_TRUE(sources[1].date_published.has_value());
}

TEST_F(StoryEntries, TheEntryIdStaysWhenALaterSourceJoins) {
  commit_items(store_, ids_[1], {story_copy("urn:news:1")}, "News", base_time);
  const auto before = ids_of(merged(make_output("all")));
  // The newer copy sorts first in the pages; the entry must still be the primary's.
  auto newer = story_copy("urn:rust:1");
  newer.date_published = hour_time(20);
  commit_items(store_, ids_[0], {newer}, "Rust", base_time + 1h);
  const auto after = merged(make_output("all"));
  EXPECT_EQ(ids_of(after), before);
  ASSERT_EQ(after.entries.size(), 1u);
  EXPECT_EQ(after.entries[0].sources.size(), 2u);
}

TEST_F(StoryEntries, LimitCountsStories) {
  commit_items(store_, ids_[2], {item_at("urn:mixed:old", 1)}, "Mixed", base_time);
  commit_items(store_, ids_[1], {story_copy("urn:news:1")}, "News", base_time);
  commit_items(store_, ids_[0], {story_copy("urn:rust:1"), item_at("urn:rust:older", 2)}, "Rust",
               base_time + 1h);
  EXPECT_EQ(ids_of(merged(make_output("two", {}, std::nullopt, std::nullopt, 2))),
            (std::vector<std::string>{"urn:news:1", "urn:rust:older"}));
  EXPECT_EQ(ids_of(merged(make_output("all"))),
            (std::vector<std::string>{"urn:news:1", "urn:rust:older", "urn:mixed:old"}));
}

TEST_F(StoryEntries, ATagOutputWithoutThePrimaryFeedShowsItsOwnItemWithEverySource) {
  commit_items(store_, ids_[1], {story_copy("urn:news:1")}, "News", base_time);
  commit_items(store_, ids_[0], {story_copy("urn:rust:1")}, "Rust", base_time + 1h);
  const auto feed = merged(make_output("r", {"rust"}));
  ASSERT_EQ(ids_of(feed), (std::vector<std::string>{"urn:rust:1"}));
  ASSERT_EQ(feed.entries[0].sources.size(), 2u);
  EXPECT_EQ(feed.entries[0].sources[0].feed_url, "https://news.example/rss") << "primary first";
  EXPECT_EQ(ids_of(merged(make_output("n", {"news"}))), (std::vector<std::string>{"urn:news:1"}));
}

TEST_F(StoryEntries, AnItemWithoutAStoryIsItsOwnOnlySource) {
  commit_items(store_, ids_[0], {item_at("urn:rust:alone", 3)}, "Rust", base_time);
  const auto feed = merged(make_output("all"));
  ASSERT_EQ(feed.entries.size(), 1u);
  ASSERT_EQ(feed.entries[0].sources.size(), 1u);
  EXPECT_EQ(feed.entries[0].sources[0].feed_title, "Rust Blog");
  EXPECT_EQ(feed.entries[0].sources[0].url, "https://example.org/urn:rust:alone");
}

}  // namespace
}  // namespace feedd
