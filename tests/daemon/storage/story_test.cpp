// Cross-feed dedup in storage (issue 6): items of different feeds that are one story share a
// story; the earliest seen is primary; migrated databases get stories for stored items.

#include <gtest/gtest.h>

#include "daemon/storage/migrations.hpp"
#include "daemon/storage/story_assign.hpp"
#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

constexpr const char* other_text =
    "Code coverage for frontend JavaScript is easier than it looks: with Istanbul, Mocha and a "
    "headless browser you can measure which lines your tests exercise and find the ones they "
    "never reach, all from one command.";

class Stories : public StoreFixture {
 protected:
  FeedId second_ = store_.add_feeds({{"https://aggregator.example/feed.xml", {}, {}}}, base_time)[0];
  FeedId third_ = store_.add_feeds({{"https://third.example/rss", {}, {}}}, base_time)[0];

  ItemId only_item(FeedId feed) {
    const auto items = store_.recent_items(10, {feed});
    EXPECT_EQ(items.size(), 1u);
    return items.empty() ? 0 : items[0].id;
  }
  StorySources sources_of(ItemId id) {
    const auto all = store_.story_sources({id});
    EXPECT_EQ(all.size(), 1u);
    return all.empty() ? StorySources{} : all[0];
  }
  std::int64_t stories() { return count_rows(path_, "stories"); }
};

TEST_F(Stories, TrackingParametersAndSchemeDoNotMakeANewStory) {
  const auto day = base_time - 24h;
  store_.commit_fetch(feed_, make_fetch({story_item("a", "https://example.org/news/1", "ICC", wire_text, day)}));
  store_.commit_fetch(second_, make_fetch({story_item("b", "http://www.example.org/news/1/?utm_source=hn#c",
                                                       "Link", "", day)}, base_time + 1h));
  const auto sources = sources_of(only_item(second_));
  ASSERT_EQ(sources.sources.size(), 2u);
  EXPECT_EQ(sources.primary_item_id, only_item(feed_));
  EXPECT_EQ(sources.sources[0].feed_id, feed_);
  EXPECT_EQ(sources.sources[1].feed_id, second_);
  EXPECT_EQ(sources.sources[1].feed_url, "https://aggregator.example/feed.xml");
  EXPECT_EQ(stories(), 1);
}

// Fetches commit in any order. A syndicated copy (same text, own URL) and an aggregator's link
// (original's URL, no text) stored first are two stories; the original, matching one by URL and
// the other by text, joins them into one, the earlier, with the earliest-seen item primary.
TEST_F(Stories, AnItemMatchingTwoStoriesJoinsThem) {
  const auto day = base_time - 24h;
  store_.commit_fetch(second_, make_fetch({story_item("w", "https://wire.example.net/icc", "UPDATED: ICC",
                                                       wire_text, day)}));
  store_.commit_fetch(third_, make_fetch({story_item("l", "http://www.example.org/news/1/?utm_source=x",
                                                      "Link: Russia quits the court", "", day)},
                                         base_time + 1h));
  ASSERT_EQ(stories(), 2);
  store_.commit_fetch(feed_, make_fetch({story_item("o", "https://example.org/news/1", "Russia quits ICC",
                                                     wire_text, day)}, base_time + 2h));
  EXPECT_EQ(stories(), 1);
  const auto sources = sources_of(only_item(feed_));
  EXPECT_EQ(sources.sources.size(), 3u);
  EXPECT_EQ(sources.primary_item_id, only_item(second_)) << "the earliest seen";
  EXPECT_EQ(count_rows(path_, "items WHERE story_id IS NULL"), 0);
}

TEST_F(Stories, EditedTitleOverTheSameTextJoinsTheStoryWithinTheWindow) {
  const auto day = base_time - 24h;
  store_.commit_fetch(feed_, make_fetch({story_item("a", "https://one.example/a", "Russia quits ICC", wire_text, day)}));
  store_.commit_fetch(second_, make_fetch({story_item("b", "https://two.example/b", "UPDATED: Russia leaves court",
                                                       wire_text, day + 5h)}));
  store_.commit_fetch(third_, make_fetch({story_item("c", "https://three.example/c", "Russia quits ICC",
                                                      wire_text, day - 24h * 10)}));
  EXPECT_EQ(sources_of(only_item(second_)).sources.size(), 2u);
  EXPECT_EQ(sources_of(only_item(third_)).sources.size(), 1u) << "ten days apart: another story";
  EXPECT_EQ(stories(), 2);
}

TEST_F(Stories, SameTitleOverOtherTextIsAnotherStory) {
  store_.commit_fetch(feed_, make_fetch({story_item("a", "https://one.example/a", "Weekly roundup", wire_text, base_time)}));
  store_.commit_fetch(second_, make_fetch({story_item("b", "https://two.example/b", "Weekly roundup", other_text, base_time)}));
  EXPECT_EQ(stories(), 2);
}

TEST_F(Stories, FeedStatsCountItemsThatDuplicateAnotherFeedsStory) {
  store_.commit_fetch(feed_, make_fetch({story_item("a", "https://one.example/a", "A", wire_text, base_time)}));
  store_.commit_fetch(second_, make_fetch({story_item("b", "https://one.example/a?fbclid=1", "A", "", base_time)}));
  for (const auto& stats : store_.feed_stats())
    EXPECT_EQ(stats.duplicate_items, stats.feed_id == second_ ? 1 : 0) << "feed " << stats.feed_id;
}

TEST_F(Stories, DeletingThePrimaryPassesTheStoryToTheNextSource) {
  store_.commit_fetch(feed_, make_fetch({story_item("a", "https://one.example/a", "A", wire_text, base_time)}));
  store_.commit_fetch(second_, make_fetch({story_item("b", "https://one.example/a", "A", "", base_time)}, base_time + 1h));
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("DELETE FROM items WHERE feed_id = " + std::to_string(feed_));
  }
  const auto second_item = only_item(second_);
  EXPECT_EQ(sources_of(second_item).primary_item_id, second_item);
  EXPECT_EQ(count_rows(path_, "story_bands WHERE item_id NOT IN (SELECT id FROM items)"), 0);
}

// A new story names the id its item is about to take, counted on from one max(id) per write
// transaction: through fetches of several items, group commits, an item joining a stored
// story (SQLite picks its id) and a rolled-back batch, every lone item is its story's
// primary and every key holds.
TEST_F(Stories, EachNewItemIsItsOwnStorysPrimaryThroughGroupCommitsAndRollbacks) {
  const auto lone_items_not_primary = [&] {
    return count_rows(path_,
                      "items i JOIN stories s ON s.id = i.story_id WHERE s.primary_item_id != i.id "
                      "AND (SELECT count(*) FROM items m WHERE m.story_id = s.id) = 1");
  };
  const auto fetch_of = [](std::string_view prefix, int count, TimePoint at) {
    std::vector<feeds::Item> items;
    for (int i = 0; i < count; ++i) {
      const auto name = std::string(prefix) + std::to_string(i);
      std::string text;  // words no other item has: a story of its own
      for (int word = 0; word < 30; ++word) text += name + "w" + std::to_string(word) + " ";
      items.push_back(
          story_item(name, "https://solo.example/" + name, "Unrelated " + name, text, at));
    }
    return make_fetch(items, at);
  };
  store_.commit_fetch(feed_, fetch_of("alpha", 5, base_time));
  {
    // Another connection takes the next id between two of this one's transactions.
    Store other(path_);
    other.commit_fetch(third_, fetch_of("other", 1, base_time));
  }
  {
    auto batch = store_.begin_batch();
    store_.commit_fetch(second_, fetch_of("beta", 3, base_time + 1h));
    // Matches the story of the feed's first item by URL: no id is named, SQLite picks it.
    store_.commit_fetch(
        third_,
        make_fetch({story_item("dup", "https://solo.example/alpha0", "Copy", "", base_time)},
                   base_time + 1h));
    store_.commit_fetch(second_, fetch_of("gamma", 3, base_time + 2h));
    batch.commit();
  }
  {
    auto batch = store_.begin_batch();
    store_.commit_fetch(feed_, fetch_of("rolled", 4, base_time + 3h));
  }  // not committed: rolled back
  const auto highest = SQLite::Database(path_).execAndGet("SELECT max(id) FROM items").getInt64();
  store_.commit_fetch(third_, fetch_of("delta", 2, base_time + 4h));
  // The rolled-back ids are taken again, as SQLite itself would: nothing counted on from them.
  EXPECT_EQ(SQLite::Database(path_)
                .execAndGet("SELECT min(id) FROM items WHERE guid LIKE 'delta%'")
                .getInt64(),
            highest + 1);
  EXPECT_EQ(count_rows(path_, "items"), 5 + 1 + 3 + 1 + 3 + 2);
  EXPECT_EQ(count_rows(path_, "items WHERE guid LIKE 'rolled%'"), 0);
  EXPECT_EQ(lone_items_not_primary(), 0);
  EXPECT_EQ(stories(), 5 + 1 + 3 + 3 + 2);
  SQLite::Database db(path_, SQLite::OPEN_READONLY);
  SQLite::Statement check(db, "PRAGMA foreign_key_check");
  EXPECT_FALSE(check.executeStep()) << "a key points nowhere";
}

TEST_F(Stories, ItemsWithoutAStoryAreTheirOwnOnlySource) {
  store_.commit_fetch(feed_, make_fetch({story_item("a", "https://one.example/a", "A", wire_text, base_time)}));
  EXPECT_TRUE(store_.story_sources({987654}).empty());
  EXPECT_EQ(sources_of(only_item(feed_)).sources.size(), 1u);
}

TEST_F(Stories, APagesCanonicalLinkJoinsALoneItemToTheStoryItNames) {
  store_.commit_fetch(feed_, make_fetch({story_item("a", "https://news.example/story", "A", wire_text, base_time)}));
  store_.commit_fetch(second_, make_fetch({story_item("b", "https://proxy.example/r/123", "B", other_text, base_time)}));
  store_.commit_fetch(third_, make_fetch({story_item("c", "https://proxy.example/r/456", "C", "", base_time)}));
  ASSERT_EQ(stories(), 3);
  {
    Database db(path_);
    auto transaction = db.begin_write();
    storage::apply_page_canonical(db, only_item(second_), "https://news.example/story/?utm_source=x", {});
    storage::apply_page_canonical(db, only_item(third_), "https://news.example/", {});
    transaction.commit();
  }
  const auto sources = sources_of(only_item(second_));
  ASSERT_EQ(sources.sources.size(), 2u);
  EXPECT_EQ(sources.primary_item_id, only_item(feed_));
  EXPECT_EQ(sources_of(only_item(third_)).sources.size(), 1u) << "a home page is no canonical";
  EXPECT_EQ(stories(), 2);
}

TEST(StoryMigration, StoredItemsOfASchema1DatabaseGetStoriesEarliestSeenPrimary) {
  TempDir dir;
  const auto path = dir.file("feedd.db");
  {
    auto db = database_at_schema(path, 1);
    db.exec("INSERT INTO feeds (id, url, subscribed_url, created_at) VALUES "
            "(1, 'https://a.example/f', 'https://a.example/f', 0), "
            "(2, 'https://b.example/f', 'https://b.example/f', 0)");
    db.exec("INSERT INTO items (id, feed_id, identity_key, url, title, content_text, published_at,"
            " content_fingerprint, first_seen_at, last_seen_at) VALUES "
            "(1, 2, 'g:1', 'https://site.example/x?utm_medium=rss', 'X', 'x', 100, '', 200, 200), "
            "(2, 1, 'g:2', 'https://site.example/x', 'X', 'x', 100, '', 150, 150), "
            "(3, 1, 'g:3', 'https://site.example/y', 'Y', 'y', 100, '', 150, 150)");
  }
  StoreOptions options;
  options.story_backfill_batch = 2;  // several batches
  Store store(path, options);
  const auto sources = store.story_sources({1});
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0].primary_item_id, 2);
  ASSERT_EQ(sources[0].sources.size(), 2u);
  EXPECT_EQ(sources[0].sources[1].item_id, 1);
  EXPECT_EQ(count_rows(path, "items WHERE story_id IS NULL"), 0);
  EXPECT_EQ(count_rows(path, "stories"), 2);
  // Their bands went to the writer's tail: after a crash now the next writer must find them
  // above the watermark, which schema 4 left below the items that had no story yet.
  EXPECT_EQ(count_rows(path, "story_bands_state WHERE indexed_through = 0"), 1);
}

}  // namespace
}  // namespace feedd
