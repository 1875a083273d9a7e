#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "feeds/html/sanitize.hpp"
#include "feeds/parse/feed_parser.hpp"
#include "feeds/write/rss_writer.hpp"
#include "merged_feed_sample.hpp"

namespace feeds {
namespace {

using test::sample_feed;
using test::utc;

MergedFeed rss_sample() {
  auto feed = sample_feed();
  feed.self_url = "http://127.0.0.1:8080/feed.rss";
  return feed;
}

pugi::xml_node load_channel(pugi::xml_document& document, const std::string& text) {
  auto result = document.load_buffer(text.data(), text.size());
  EXPECT_EQ(result.status, pugi::status_ok) << result.description();
  return document.document_element().child("channel");
}

TEST(RssWriter, MatchesTheGoldenDocument) {
  EXPECT_EQ(write_rss(rss_sample()), test::read_golden("merged.rss"));
}

TEST(RssWriter, FormatsRfc822Dates) {
  EXPECT_EQ(format_rfc822(utc(2024, 3, 2, 10, 0)), "Sat, 02 Mar 2024 10:00:00 +0000");
  EXPECT_EQ(format_rfc822(utc(1999, 12, 31, 23, 59, 59)), "Fri, 31 Dec 1999 23:59:59 +0000");
  EXPECT_EQ(format_rfc822(utc(2024, 2, 29, 0, 0, 1)), "Thu, 29 Feb 2024 00:00:01 +0000");
  EXPECT_EQ(format_rfc822(TimePoint{}), "Thu, 01 Jan 1970 00:00:00 +0000");
}

TEST(RssWriter, GuidIsAPermalinkOnlyForHttpIds) {
  auto feed = rss_sample();
  feed.entries[1].id = "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a";
  pugi::xml_document document;
  auto item = load_channel(document, write_rss(feed)).child("item");
  EXPECT_STREQ(item.child("guid").attribute("isPermaLink").value(), "true");
  EXPECT_STREQ(item.child_value("guid"), "https://example.org/posts/rust-2024");
  auto second = item.next_sibling("item");
  EXPECT_STREQ(second.child("guid").attribute("isPermaLink").value(), "false");
  EXPECT_STREQ(second.child_value("guid"), "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
}

TEST(RssWriter, NamesThePrimarySourceAndListsTheOthersInAContentFooter) {
  pugi::xml_document document;
  auto item = load_channel(document, write_rss(rss_sample())).child("item");
  EXPECT_STREQ(item.child("source").attribute("url").value(), "https://example.org/feed.xml");
  EXPECT_STREQ(item.child_value("source"), "Example Blog");
  std::string footer =
      "<p>Also in: <a href=\"https://planet.example.net/r/1\" rel=\"noopener noreferrer nofollow\" "
      "referrerpolicy=\"no-referrer\">Planet Rust</a>, <a href=\"https://links.example.com/rss\" "
      "rel=\"noopener noreferrer nofollow\" referrerpolicy=\"no-referrer\">Link Roundup</a></p>";
  EXPECT_EQ(item.child_value("content:encoded"), test::rust_content + footer);
  EXPECT_EQ(item.next_sibling("item").child_value("content:encoded"), test::news_content);
}

TEST(RssWriter, FooterLinksFallBackToTheSiteThenTheFeedAndEscapeTitles) {
  auto entry = test::rust_entry();
  entry.sources[1].url.reset();
  entry.sources[2].feed_title = "Links <&> \"more\"";
  auto footer = rss_sources_footer(entry);
  EXPECT_NE(footer.find("href=\"https://planet.example.net/\""), std::string::npos) << footer;
  EXPECT_NE(footer.find("href=\"https://links.example.com/rss\""), std::string::npos) << footer;
  EXPECT_NE(footer.find(">Links &lt;&amp;&gt; \"more\"</a>"), std::string::npos) << footer;
  EXPECT_EQ(sanitize_html(footer, ""), footer);
  EXPECT_EQ(rss_sources_footer(test::news_entry()), "");
}

TEST(RssWriter, FooterDropsLinksTheSanitizerWouldNot) {
  auto entry = test::rust_entry();
  entry.sources[1].url = "javascript:alert(1)";
  auto footer = rss_sources_footer(entry);
  EXPECT_EQ(footer.find("javascript"), std::string::npos) << footer;
  EXPECT_NE(footer.find("Planet Rust"), std::string::npos) << footer;
}

TEST(RssWriter, AuthorsWithAnEmailUseAuthorOthersDcCreator) {
  auto feed = rss_sample();
  feed.entries[1].authors = {Person{"Sam", std::nullopt, std::nullopt}};
  pugi::xml_document document;
  auto item = load_channel(document, write_rss(feed)).child("item");
  EXPECT_STREQ(item.child_value("author"), "jane@example.org (Jane Doe)");
  EXPECT_FALSE(item.child("dc:creator"));
  EXPECT_STREQ(item.next_sibling("item").child_value("dc:creator"), "Sam");
}

TEST(RssWriter, EscapesOnlyTitlesThatWouldReadAsMarkup) {
  auto feed = rss_sample();
  feed.entries[0].title = "AT&T wins";
  pugi::xml_document document;
  auto item = load_channel(document, write_rss(feed)).child("item");
  EXPECT_STREQ(item.child_value("title"), "AT&T wins");
  EXPECT_STREQ(item.next_sibling("item").child_value("title"), "Quarterly &amp; &lt;results&gt;");
}

TEST(RssWriter, ParsesBackWithoutRecoveryWithTheSameFields) {
  auto feed = rss_sample();
  auto text = write_rss(feed);
  auto parsed = parse_feed(ParseRequest{text, "", ""});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_FALSE(parsed->bozo);
  EXPECT_EQ(parsed->format, SourceFormat::rss20);
  EXPECT_EQ(parsed->title, "My news");
  EXPECT_EQ(parsed->home_page_url, "http://127.0.0.1:8080/");
  EXPECT_EQ(parsed->feed_url, "http://127.0.0.1:8080/feed.rss");
  ASSERT_EQ(parsed->items.size(), 2u);
  const auto& rust = parsed->items[0];
  EXPECT_EQ(rust.id, feed.entries[0].id);
  EXPECT_EQ(rust.url, feed.entries[0].url);
  EXPECT_EQ(rust.title, feed.entries[0].title);
  EXPECT_EQ(rust.summary, feed.entries[0].summary);
  EXPECT_EQ(rust.content_html, test::rust_content + rss_sources_footer(feed.entries[0]));
  EXPECT_EQ(rust.date_published, feed.entries[0].published);
  EXPECT_EQ(rust.authors, feed.entries[0].authors);
  EXPECT_EQ(rust.tags, feed.entries[0].tags);
  EXPECT_EQ(rust.attachments, feed.entries[0].attachments);
  const auto& news = parsed->items[1];
  EXPECT_EQ(news.id, "news-item-42");
  EXPECT_EQ(news.url, feed.entries[1].url);
  EXPECT_EQ(news.title, "Quarterly & <results>");
  EXPECT_EQ(news.content_html, test::news_content);
  EXPECT_EQ(news.date_published, feed.entries[1].published);
  EXPECT_TRUE(news.authors.empty());
}

}  // namespace
}  // namespace feeds
