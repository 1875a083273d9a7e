#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "feeds/parse/feed_parser.hpp"
#include "feeds/write/json_feed_writer.hpp"
#include "merged_feed_sample.hpp"

namespace feeds {
namespace {

namespace json = boost::json;
using test::sample_feed;

MergedFeed json_sample() {
  auto feed = sample_feed();
  feed.self_url = "http://127.0.0.1:8080/feed.json";
  return feed;
}

TEST(JsonFeedWriter, MatchesTheGoldenDocument) {
  EXPECT_EQ(write_json_feed(json_sample()), test::read_golden("merged.json"));
}

TEST(JsonFeedWriter, ListsEverySourceFirstFirstInTheFeeddExtension) {
  auto root = json::parse(write_json_feed(json_sample()));
  const auto& extension = root.at("items").at(0).at("_feedd");
  EXPECT_EQ(extension.at("full_text"), true);
  const auto& sources = extension.at("sources").as_array();
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0],
            json::parse(R"({"feed_title":"Example Blog","feed_url":"https://example.org/feed.xml",
      "url":"https://example.org/posts/rust-2024","date_published":"2024-03-02T10:00:00Z"})"));
  EXPECT_EQ(sources[1].at("feed_title"), "Planet Rust");
  EXPECT_EQ(sources[2],
            json::parse(R"({"feed_title":"Link Roundup","feed_url":"https://links.example.com/rss",
      "url":null,"date_published":null})"));
  const auto& second = root.at("items").at(1).at("_feedd");
  EXPECT_EQ(second.at("full_text"), false);
  EXPECT_EQ(second.at("sources").as_array().size(), 1u);
}

TEST(JsonFeedWriter, LeavesOutAbsentFieldsAndWritesAuthorEmailAsMailto) {
  auto feed = json_sample();
  feed.entries[0].authors = {Person{std::nullopt, std::nullopt, "ops@example.org"}};
  auto root = json::parse(write_json_feed(feed));
  EXPECT_EQ(root.at("version"), "https://jsonfeed.org/version/1.1");
  EXPECT_EQ(root.at("items").at(0).at("authors").at(0),
            json::parse(R"({"url":"mailto:ops@example.org"})"));
  const auto& news = root.at("items").at(1).as_object();
  for (auto key : {"summary", "date_modified", "authors", "tags", "attachments"})
    EXPECT_FALSE(news.contains(key)) << key;
}

TEST(JsonFeedWriter, StringsPassTheSameGateAsXml) {
  auto feed = json_sample();
  feed.entries[0].title = std::string(
      "a\0b\x01"
      "c\xFF",
      7);
  auto root = json::parse(write_json_feed(feed));
  EXPECT_EQ(root.at("items").at(0).at("title"), "abc\xEF\xBF\xBD");
}

TEST(JsonFeedWriter, ParsesBackWithTheSameFields) {
  auto feed = json_sample();
  auto text = write_json_feed(feed);
  auto parsed = parse_feed(ParseRequest{text, "", ""});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_FALSE(parsed->bozo);
  EXPECT_EQ(parsed->format, SourceFormat::jsonfeed);
  EXPECT_EQ(parsed->title, "My news");
  EXPECT_EQ(parsed->feed_url, "http://127.0.0.1:8080/feed.json");
  ASSERT_EQ(parsed->items.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& entry = feed.entries[i];
    const auto& item = parsed->items[i];
    EXPECT_EQ(item.id, entry.id);
    EXPECT_EQ(item.url, entry.url);
    EXPECT_EQ(item.title, entry.title);
    EXPECT_EQ(item.content_html, entry.content_html);
    EXPECT_EQ(item.date_published, entry.published);
    EXPECT_EQ(item.tags, entry.tags);
    EXPECT_EQ(item.attachments, entry.attachments);
  }
  EXPECT_EQ(parsed->items[0].summary, feed.entries[0].summary);
  EXPECT_EQ(parsed->items[0].date_modified, feed.entries[0].updated);
  ASSERT_EQ(parsed->items[0].authors.size(), 1u);
  EXPECT_EQ(parsed->items[0].authors[0].name, "Jane Doe");
  EXPECT_TRUE(parsed->items[1].authors.empty());
}

}  // namespace
}  // namespace feeds
