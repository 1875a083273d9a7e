#include <gtest/gtest.h>

#include "feeds/parse/date.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace feeds {
namespace {

TEST(JsonFeedAdapter, MapsVersion11Fields) {
  auto result = parse_feed(ParseRequest{R"({
    "version": "https://jsonfeed.org/version/1.1", "title": "JSON  feed",
    "home_page_url": "https://example.org/", "feed_url": "/feed.json", "language": "en",
    "authors": [{"name": "Ann", "url": "https://example.org/ann"}],
    "hubs": [{"type": "WebSub", "url": "https://hub.example/"}],
    "items": [
      {"id": 42, "url": "/p/1", "title": "One", "content_html": "<p>Hi <script>x</script>there</p>",
       "summary": "S", "date_published": "2024-01-02T03:04:05+01:00", "tags": ["a", "a", "b"],
       "attachments": [{"url": "/e.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 10}]},
      {"id": "", "url": "https://example.org/p/2", "content_text": "a < b", "date_modified": "2024-02-01T00:00:00Z"},
      {"title": "no id no url"}
    ]})", "https://example.org/feed.json", ""});
  ASSERT_TRUE(result) << result.error().message;
  const auto& feed = *result;
  EXPECT_EQ(feed.format, SourceFormat::jsonfeed);
  EXPECT_EQ(feed.title, "JSON feed");
  EXPECT_EQ(feed.feed_url, "https://example.org/feed.json");
  EXPECT_EQ(feed.websub_hub, "https://hub.example/");
  ASSERT_EQ(feed.authors.size(), 1u);
  ASSERT_EQ(feed.items.size(), 3u);
  EXPECT_EQ(feed.items[0].id, "42");
  EXPECT_EQ(feed.items[0].url, "https://example.org/p/1");
  EXPECT_EQ(feed.items[0].content_text, "Hi there");
  EXPECT_EQ(format_rfc3339(*feed.items[0].date_published), "2024-01-02T02:04:05Z");
  EXPECT_EQ(feed.items[0].tags, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(feed.items[0].attachments.size(), 1u);
  EXPECT_EQ(feed.items[0].attachments[0].url, "https://example.org/e.mp3");
  EXPECT_EQ(feed.items[1].id, "https://example.org/p/2");
  EXPECT_EQ(feed.items[1].content_html, "a &lt; b");
  EXPECT_EQ(feed.items[1].content_text, "a < b");
  EXPECT_EQ(format_rfc3339(*feed.items[1].date_published), "2024-02-01T00:00:00Z");
  EXPECT_TRUE(feed.items[2].id->starts_with("urn:x-hash:"));
}

TEST(JsonFeedAdapter, AcceptsVersion10Author) {
  auto result = parse_feed(ParseRequest{
      R"({"version": "https://jsonfeed.org/version/1", "author": {"name": "Old"}, "items": []})", "", ""});
  ASSERT_TRUE(result);
  ASSERT_EQ(result->authors.size(), 1u);
  EXPECT_EQ(result->authors[0].name, "Old");
}

TEST(JsonFeedAdapter, RejectsJsonThatIsNotAFeed) {
  auto result = parse_feed(ParseRequest{R"({"hello": "world"})", "", ""});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::not_a_feed);
  auto broken = parse_feed(ParseRequest{R"({"items": [)", "", ""});
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::not_a_feed);
}

}  // namespace
}  // namespace feeds
