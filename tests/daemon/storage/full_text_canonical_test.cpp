// The article page's <link rel=canonical> stored with its full text joins the item to the story
// of another feed's item at that URL (issue 6), in the same transaction as the full text.

#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace feedd {
namespace {

using namespace storage_test;
using Outcome = FullTextResult::Outcome;

feeds::Item linked_item(const std::string& guid, const std::string& url, const std::string& text) {
  feeds::Item item;
  item.id = guid;
  item.url = url;
  item.title = "Title " + guid;
  item.content_text = text;
  item.date_published = base_time - 24h;
  return item;
}

class FullTextCanonical : public StoreFixture {
 protected:
  void SetUp() override {
    store_.commit_fetch(feed_, make_fetch({linked_item("a", "https://wire.example/story/1",
                                                       "The wire's own telling of the story.")}));
    store_.commit_fetch(aggregator_, make_fetch({linked_item("b", "https://agg.example/item?id=9",
                                                             "A short teaser, nothing alike.")},
                                                base_time + 1h));
    wire_item_ = store_.recent_items(10, {feed_})[0].id;
    aggregator_item_ = store_.recent_items(10, {aggregator_})[0].id;
  }
  std::size_t sources_of_aggregator_item() {
    return store_.story_sources({aggregator_item_}).at(0).sources.size();
  }
  FullTextResult result(Outcome outcome, const std::string& canonical) {
    FullTextResult result{outcome, "<p>Article</p>", "Article", "readability", ""};
    result.canonical_url = canonical;
    return result;
  }

  FeedId aggregator_ = store_.add_feeds({{"https://agg.example/feed.xml", {}, {}}}, base_time)[0];
  ItemId wire_item_ = 0;
  ItemId aggregator_item_ = 0;
};

TEST_F(FullTextCanonical, ADoneArticleWhoseCanonicalNamesAnotherStoryJoinsIt) {
  ASSERT_EQ(sources_of_aggregator_item(), 1u) << "different links and texts: two stories";
  ASSERT_TRUE(store_.store_full_text(
      aggregator_item_, result(Outcome::done, "https://wire.example/story/1?utm_source=agg"),
      base_time + 2h));
  const auto story = store_.story_sources({aggregator_item_}).at(0);
  ASSERT_EQ(story.sources.size(), 2u);
  EXPECT_EQ(story.primary_item_id, wire_item_);
  EXPECT_EQ(store_.item_by_id(aggregator_item_)->full_text_status, FullTextStatus::done);
}

TEST_F(FullTextCanonical, AFailedAttemptOrNoCanonicalLeavesTheStoryAlone) {
  auto failed = result(Outcome::failed, "https://wire.example/story/1");
  failed.error = "HTTP 503";
  ASSERT_TRUE(store_.store_full_text(aggregator_item_, failed, base_time + 2h));
  EXPECT_EQ(sources_of_aggregator_item(), 1u);
  ASSERT_TRUE(store_.store_full_text(aggregator_item_, result(Outcome::done, ""), base_time + 3h));
  EXPECT_EQ(sources_of_aggregator_item(), 1u);
}

}  // namespace
}  // namespace feedd
