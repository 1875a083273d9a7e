#include <gtest/gtest.h>

#include "feeds/html/sanitize.hpp"
#include "feeds/write/merged_feed.hpp"
#include "merged_feed_sample.hpp"

namespace feeds {
namespace {

using test::utc;

MergedEntry dated(std::string id, std::optional<TimePoint> published,
                  std::optional<TimePoint> updated = {}) {
  MergedEntry entry;
  entry.id = std::move(id);
  entry.published = published;
  entry.updated = updated;
  return entry;
}

std::vector<std::string> ids(const std::vector<MergedEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& entry : entries) out.push_back(entry.id);
  return out;
}

TEST(MergedFeed, OrdersNewestFirstUndatedLastTiesById) {
  std::vector<MergedEntry> entries = {
      dated("old", utc(2023, 1, 1, 0, 0)),
      dated("undated", std::nullopt),
      dated("b-same", utc(2024, 1, 1, 0, 0)),
      dated("updated-only", std::nullopt, utc(2024, 6, 1, 0, 0)),
      dated("a-same", utc(2024, 1, 1, 0, 0)),
      dated("published-wins", utc(2022, 1, 1, 0, 0), utc(2025, 1, 1, 0, 0))};
  order_newest_first(entries, 100);
  std::vector<std::string> expected = {"updated-only", "a-same",         "b-same",
                                       "old",          "published-wins", "undated"};
  EXPECT_EQ(ids(entries), expected);
}

TEST(MergedFeed, KeepsAtMostTheLimit) {
  std::vector<MergedEntry> entries = {dated("1", utc(2024, 1, 1, 0, 0)),
                                      dated("3", utc(2024, 1, 3, 0, 0)),
                                      dated("2", utc(2024, 1, 2, 0, 0))};
  order_newest_first(entries, 2);
  EXPECT_EQ(ids(entries), (std::vector<std::string>{"3", "2"}));
  order_newest_first(entries, 0);
  EXPECT_TRUE(entries.empty());
}

TEST(MergedFeed, LatestUpdateIsTheFeedsElseTheNewestEntryDate) {
  auto feed = test::sample_feed();
  EXPECT_EQ(latest_update(feed), utc(2024, 3, 2, 12, 30));
  feed.updated = utc(2020, 1, 1, 0, 0);
  EXPECT_EQ(latest_update(feed), utc(2020, 1, 1, 0, 0));
  EXPECT_EQ(latest_update(MergedFeed{}), std::nullopt);
}

// The round-trip tests compare parsed content with the input: that holds only for content the
// parser's sanitizer leaves alone, which is what the daemon stores.
TEST(WriterSample, ContentIsASanitizerFixedPoint) {
  EXPECT_EQ(sanitize_html(test::rust_content, ""), test::rust_content);
  EXPECT_EQ(sanitize_html(test::news_content, ""), test::news_content);
}

}  // namespace
}  // namespace feeds
