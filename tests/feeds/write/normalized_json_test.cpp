#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "feeds/parse/feed_parser.hpp"
#include "feeds/write/normalized_json.hpp"

namespace feeds {
namespace {

TEST(NormalizedJson, HasEveryKeyOfTheSpecWithNullsAndEmptyLists) {
  Feed feed;
  feed.format = SourceFormat::rss20;
  feed.items.push_back(Item{});
  auto value = boost::json::parse(to_normalized_json(feed));
  const auto& root = value.as_object();
  for (auto key : {"version", "_source_format", "_bozo", "_encoding", "title", "home_page_url", "feed_url",
                   "description", "language", "icon", "authors", "items"})
    EXPECT_TRUE(root.contains(key)) << key;
  EXPECT_EQ(root.at("version").as_string(), "https://jsonfeed.org/version/1.1");
  EXPECT_EQ(root.at("_source_format").as_string(), "rss20");
  EXPECT_TRUE(root.at("title").is_null());
  const auto& item = root.at("items").as_array().at(0).as_object();
  for (auto key : {"id", "url", "title", "content_html", "content_text", "summary", "date_published",
                   "date_modified", "authors", "tags", "attachments"})
    EXPECT_TRUE(item.contains(key)) << key;
  EXPECT_TRUE(item.at("tags").as_array().empty());
}

TEST(NormalizedJson, FormatsDatesAsRfc3339Utc) {
  auto feed = parse_feed(ParseRequest{
      "<rss version=\"2.0\"><channel><item><guid>1</guid><pubDate>Thu, 01 Jan 2004 19:48:21 +0100</pubDate>"
      "</item></channel></rss>", "", ""});
  ASSERT_TRUE(feed);
  auto value = boost::json::parse(to_normalized_json(*feed));
  EXPECT_EQ(value.at("items").at(0).at("date_published").as_string(), "2004-01-01T18:48:21Z");
}

}  // namespace
}  // namespace feeds
