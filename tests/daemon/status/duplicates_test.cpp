// The dashboard's Duplicates column and /api/status "duplicate_items" (issue 6): items of a feed
// that joined a story another feed brought first.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "daemon/status/feed_table.hpp"
#include "daemon/status/status_json.hpp"
#include "daemon/storage/storage_test_support.hpp"
#include "status_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;

TEST(Duplicates, GatheredPerFeedFromTheStories) {
  TempDir dir;
  Store store(dir.file("feedd.db"));
  const auto ids = store.sync_feeds(
      {{"https://first.example/feed.xml", {}, {}}, {"https://second.example/feed.xml", {}, {}}},
      base_time);
  // The same link in both feeds: one story, brought first by the first feed.
  store.commit_fetch(ids[0], make_fetch({make_item("shared", base_time - 24h),
                                         make_item("own", base_time - 25h)}, base_time));
  store.commit_fetch(ids[1], make_fetch({make_item("shared", base_time - 24h)}, base_time + 1h));
  const auto snapshot = gather_status(store, base_time + 2h, base_time);
  ASSERT_EQ(snapshot.feeds.size(), 2u);
  for (const auto& feed : snapshot.feeds) {
    EXPECT_EQ(feed.duplicate_items, feed.feed.id == ids[1] ? 1 : 0) << feed.feed.url;
  }
}

TEST(Duplicates, AColumnOfTheFeedTable) {
  auto feed = status_test::make_feed(7, "Aggregator");
  feed.duplicate_items = 5;
  const auto html = render_feed_table({feed}, status_test::now);
  EXPECT_NE(html.find(">Duplicates</th>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td class=\"num\">12</td><td class=\"num hide-narrow\">5</td>"),
            std::string::npos)
      << html;
}

TEST(Duplicates, AFieldOfEachFeedInTheJson) {
  auto feed = status_test::make_feed(7, "Aggregator");
  feed.duplicate_items = 5;
  const auto json = boost::json::parse(render_status_json(status_test::make_snapshot({feed})));
  const auto& feeds = json.at("feeds").as_array();
  ASSERT_EQ(feeds.size(), 1u);
  EXPECT_EQ(feeds[0].at("duplicate_items").as_int64(), 5);
}

}  // namespace
}  // namespace feedd
