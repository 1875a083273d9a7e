#include <gtest/gtest.h>

#include <algorithm>

#include "daemon/publish/output_selector.hpp"
#include "daemon/publish/render_output.hpp"
#include "publish_test_support.hpp"

namespace feedd {
namespace {

using namespace publish_test;
using namespace std::string_literals;

std::vector<std::string> guids_of(const std::vector<ItemRecord>& items) {
  std::vector<std::string> guids;
  for (const auto& item : items) guids.push_back(item.guid.value_or("?"));
  return guids;
}

class OutputSelection : public ::testing::Test {
 protected:
  std::vector<std::string> select(const OutputConfig& output) {
    const OutputSelector selector(output);
    return guids_of(collect_output_items(store_, selector, store_.list_feeds()));
  }

  storage_test::TempDir dir_;
  Store store_{dir_.file("feedd.db")};
  std::vector<FeedId> ids_ = store_.sync_feeds(three_subscriptions(), base_time);
};

TEST_F(OutputSelection, TakesTheFeedsWithAnyOfTheTags) {
  commit_items(store_, ids_[0], {item_at("rust-1", 1)});
  commit_items(store_, ids_[1], {item_at("news-1", 2)});
  commit_items(store_, ids_[2], {item_at("mixed-1", 3)});
  EXPECT_EQ(select(make_output("r", {"rust"})), (std::vector<std::string>{"mixed-1", "rust-1"}));
  EXPECT_EQ(select(make_output("n", {"news", "other"})),
            (std::vector<std::string>{"mixed-1", "news-1"}));
  EXPECT_TRUE(select(make_output("none", {"nobody-has-this"})).empty());
}

TEST_F(OutputSelection, NoTagsTakesEveryConfiguredFeed) {
  commit_items(store_, ids_[0], {item_at("rust-1", 1)});
  commit_items(store_, ids_[1], {item_at("news-1", 2)});
  EXPECT_EQ(select(make_output("all")), (std::vector<std::string>{"news-1", "rust-1"}));
  // The news feed leaves the config: its items stay stored but are no longer published.
  store_.sync_feeds({three_subscriptions()[0], three_subscriptions()[2]}, base_time);
  EXPECT_EQ(select(make_output("all")), (std::vector<std::string>{"rust-1"}));
}

TEST_F(OutputSelection, IncludeMatchesTitleOrTextAndExcludeWins) {
  commit_items(store_, ids_[0], {item_at("a", 1, "Rust 2024 released"), item_at("b", 2, "Weather"),
                                 item_at("c", 3, "Sponsored: RUST course"), item_at("d", 4, "Plain")});
  feeds::Item in_text = item_at("e", 5, "Language news");
  in_text.content_html = "<p>A long story about <b>rust</b> and C++ interop.</p>";
  commit_items(store_, ids_[1], {in_text});
  EXPECT_EQ(select(make_output("f", {}, "(?i)rust", "(?i)sponsored")),
            (std::vector<std::string>{"e", "a"}));
  EXPECT_EQ(select(make_output("g", {}, std::nullopt, "(?i)rust|weather")),
            (std::vector<std::string>{"d"}));
}

TEST_F(OutputSelection, FiltersSeeTheExtractedArticleRatherThanTheTeaser) {
  auto fetch = make_fetch({item_at("teaser", 1, "Teaser only")});
  fetch.full_text = FullTextMode::always;
  const auto queued = store_.commit_fetch(ids_[0], fetch).full_text_items;
  ASSERT_EQ(queued.size(), 1u);
  const auto output = make_output("f", {}, "kernel scheduler");
  EXPECT_TRUE(select(output).empty());
  store_.store_full_text(queued[0],
                         {FullTextResult::Outcome::done, "<p>All about the kernel scheduler</p>",
                          "All about the kernel scheduler", "readability", ""},
                         base_time);
  EXPECT_EQ(select(output), (std::vector<std::string>{"teaser"}));
}

TEST_F(OutputSelection, NewestFirstUpToTheLimit) {
  std::vector<feeds::Item> items;
  for (int hour = 0; hour < 30; ++hour) items.push_back(item_at("i"s + std::to_string(hour), hour));
  commit_items(store_, ids_[0], items);
  EXPECT_EQ(select(make_output("five", {}, std::nullopt, std::nullopt, 5)),
            (std::vector<std::string>{"i29", "i28", "i27", "i26", "i25"}));
}

TEST_F(OutputSelection, ReadsFurtherPagesUntilTheLimitIsFilledOrItemsRunOut) {
  std::vector<feeds::Item> items;
  // 300 items; only the three oldest match, far beyond the first page.
  for (int hour = 0; hour < 300; ++hour) {
    items.push_back(item_at("i"s + std::to_string(hour), hour, hour < 3 ? "Needle" : "Hay"));
  }
  commit_items(store_, ids_[0], items);
  EXPECT_EQ(select(make_output("needle", {}, "Needle", std::nullopt, 2)),
            (std::vector<std::string>{"i2", "i1"}));
  EXPECT_EQ(select(make_output("needles", {}, "Needle", std::nullopt, 10)),
            (std::vector<std::string>{"i2", "i1", "i0"}));
}

TEST_F(OutputSelection, PagesContinueAfterItemsWithTheSameDate) {
  std::vector<feeds::Item> items;
  for (int n = 0; n < 120; ++n) items.push_back(item_at("same-"s + std::to_string(n), 7));
  commit_items(store_, ids_[0], items);
  const auto all = select(make_output("all", {}, std::nullopt, std::nullopt, 1000));
  EXPECT_EQ(all.size(), 120u);
  auto sorted = all;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end()) << "no item twice";
}

TEST(ItemCollector, StopsAsSoonAsTheLimitIsFilled) {
  const OutputSelector selector(make_output("two", {}, std::nullopt, std::nullopt, 2));
  ItemCollector collector(selector, {1});
  EXPECT_FALSE(collector.done());
  EXPECT_FALSE(collector.cursor().has_value());
  std::vector<ItemRecord> page(collector.page_size());
  for (std::size_t n = 0; n < page.size(); ++n) {
    page[n].id = static_cast<ItemId>(1000 - n);
    page[n].first_seen_at = base_time;
  }
  collector.take_page(page);
  EXPECT_TRUE(collector.done());
  EXPECT_EQ(collector.take_items().size(), 2u);
}

TEST(ItemCollector, NoFeedsNeedsNoRead) {
  const OutputSelector selector(make_output("none", {"x"}));
  ItemCollector collector(selector, {});
  EXPECT_TRUE(collector.done());
}

TEST(OutputSelectorFilterText, PrefersTheArticleThenContentThenSummary) {
  ItemRecord item;
  item.title = "T";
  item.summary = "summary";
  EXPECT_EQ(item_filter_text(item), "T\nsummary");
  item.content_html = "<p>content &amp; more</p>";
  EXPECT_EQ(item_filter_text(item), "T\ncontent & more") << "the text of the HTML";
  item.full_text_text = "article";
  item.full_text_status = FullTextStatus::failed;
  EXPECT_EQ(item_filter_text(item), "T\ncontent & more") << "only a done extraction counts";
  item.full_text_status = FullTextStatus::done;
  EXPECT_EQ(item_filter_text(item), "T\narticle");
}

TEST(OutputSelectorFilterText, IsCutWithoutSplittingACharacter) {
  ItemRecord item;
  // "\n" + text puts the two bytes of the é on both sides of the cut.
  item.content_html = std::string(max_filter_text_bytes - 2, 'a') + "\xC3\xA9" + "tail";
  const auto text = item_filter_text(item);
  EXPECT_EQ(text.size(), max_filter_text_bytes - 1);
  EXPECT_EQ(text.back(), 'a');
}

TEST(OutputSelectorRegex, GreedyPatternsOnALongArticleAreQuick) {
  ItemRecord item;
  item.content_html = std::string(1 << 20, 'x') + " needle";
  const OutputSelector greedy(make_output("greedy", {}, ".*needle"));
  EXPECT_FALSE(greedy.matches(item)) << "the needle lies beyond the filtered start";
  item.content_html = "<p>some words</p><p>and a needle in the second line</p>";
  EXPECT_TRUE(greedy.matches(item));
  const OutputSelector exclude(make_output("ex", {}, std::nullopt, "(?i).*NEEDLE.*"));
  EXPECT_FALSE(exclude.matches(item));
}

TEST(OutputSelectorRegex, AnInvalidPatternIsRefusedByName) {
  try {
    OutputSelector selector(make_output("broken", {}, "(unclosed"));
    FAIL() << "no exception";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("broken"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace feedd
