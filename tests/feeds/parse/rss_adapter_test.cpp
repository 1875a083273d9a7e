#include <gtest/gtest.h>

#include "feeds/parse/date.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace feeds {
namespace {

Feed parse_ok(std::string_view xml, std::string_view base = "http://example.com/feed.xml") {
  auto result = parse_feed(ParseRequest{xml, base, ""});
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? std::move(result).value() : Feed{};
}

TEST(RssAdapter, MapsChannelAndItemFields) {
  auto feed = parse_ok(R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Example &amp; Co</title><link>http://example.com/</link>
  <description>About things</description><language>en-us</language>
  <atom:link rel="self" href="http://example.com/feed.xml"/>
  <atom:link rel="hub" href="https://hub.example/"/>
  <managingEditor>ed@example.com (The Editor)</managingEditor>
  <ttl>60</ttl><skipHours><hour>1</hour><hour>2</hour></skipHours><skipDays><day>Sunday</day></skipDays>
  <item>
    <title>First</title><link>/posts/1</link>
    <guid isPermaLink="false">post-1</guid>
    <description>Short &lt;b&gt;teaser&lt;/b&gt;</description>
    <content:encoded><![CDATA[<p>Full <a href="/x">text</a></p><script>alert(1)</script>]]></content:encoded>
    <pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate>
    <author>jane@example.com (Jane Doe)</author>
    <category>news</category><category> news </category><dc:subject>c++</dc:subject>
    <enclosure url="/ep1.mp3" type="audio/mpeg" length="12345"/>
  </item>
</channel></rss>)");
  EXPECT_EQ(feed.format, SourceFormat::rss20);
  EXPECT_EQ(feed.title, "Example & Co");
  EXPECT_EQ(feed.home_page_url, "http://example.com/");
  EXPECT_EQ(feed.feed_url, "http://example.com/feed.xml");
  EXPECT_EQ(feed.websub_hub, "https://hub.example/");
  EXPECT_EQ(feed.language, "en-us");
  ASSERT_EQ(feed.authors.size(), 1u);
  EXPECT_EQ(feed.authors[0].name, "The Editor");
  EXPECT_EQ(feed.hints.ttl_minutes, 60);
  EXPECT_EQ(feed.hints.skip_hours, (std::vector<int>{1, 2}));
  EXPECT_EQ(feed.hints.skip_days, (std::vector<int>{0}));
  ASSERT_EQ(feed.items.size(), 1u);
  const auto& item = feed.items[0];
  EXPECT_EQ(item.id, "post-1");
  EXPECT_EQ(item.url, "http://example.com/posts/1");
  EXPECT_EQ(item.title, "First");
  EXPECT_EQ(item.summary, "Short teaser");
  ASSERT_TRUE(item.content_html);
  EXPECT_EQ(item.content_html->find("script"), std::string::npos);
  EXPECT_NE(item.content_html->find("http://example.com/x"), std::string::npos);
  EXPECT_EQ(item.content_text, "Full text");
  ASSERT_TRUE(item.date_published);
  EXPECT_EQ(format_rfc3339(*item.date_published), "2004-01-01T19:48:21Z");
  ASSERT_EQ(item.authors.size(), 1u);
  EXPECT_EQ(item.authors[0].email, "jane@example.com");
  EXPECT_EQ(item.tags, (std::vector<std::string>{"news", "c++"}));
  ASSERT_EQ(item.attachments.size(), 1u);
  EXPECT_EQ(item.attachments[0].url, "http://example.com/ep1.mp3");
  EXPECT_EQ(item.attachments[0].size_in_bytes, 12345);
}

TEST(RssAdapter, UsesPermalinkGuidAsUrlOnlyWhenAbsoluteHttp) {
  auto feed = parse_ok(R"(<rss version="2.0"><channel><title>t</title>
    <item><guid>http://example.com/a</guid></item>
    <item><guid isPermaLink="false">http://example.com/b</guid></item>
    <item><guid>tag:example.com,2024:c</guid></item>
  </channel></rss>)");
  ASSERT_EQ(feed.items.size(), 3u);
  EXPECT_EQ(feed.items[0].url, "http://example.com/a");
  EXPECT_FALSE(feed.items[1].url);
  EXPECT_EQ(feed.items[1].id, "http://example.com/b");
  EXPECT_FALSE(feed.items[2].url);
  EXPECT_EQ(feed.items[2].id, "tag:example.com,2024:c");
}

TEST(RssAdapter, ResolvesRelativeLinksAgainstChannelLinkWithoutDocumentUrl) {
  auto feed = parse_ok(R"(<rss version="2.0"><channel><link>https://blog.example/</link>
    <item><link>/posts/1</link></item></channel></rss>)", "");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].url, "https://blog.example/posts/1");
}

TEST(RssAdapter, FallsBackToHashIdWithoutGuidAndLink) {
  auto feed = parse_ok(R"(<rss version="2.0"><channel><item><title>No id</title></item></channel></rss>)");
  ASSERT_EQ(feed.items.size(), 1u);
  ASSERT_TRUE(feed.items[0].id);
  EXPECT_TRUE(feed.items[0].id->starts_with("urn:x-hash:"));
}

TEST(RssAdapter, DetectsRss09x) {
  auto feed = parse_ok(R"(<rss version="0.91"><channel><title>Old</title></channel></rss>)");
  EXPECT_EQ(feed.format, SourceFormat::rss09x);
}

// date_modified falls back to the published date as python feedparser's `updated` does: the
// reference outputs of the conformance corpus carry it for every pubDate-only item.
TEST(RssAdapter, LastParseableDateWinsAndModifiedFallsBackToPublished) {
  auto feed = parse_ok(R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
    <item><pubDate>garbage</pubDate><pubDate>Sat, 02 Jan 2010 00:00:00 +0100</pubDate><pubDate>nonsense</pubDate></item>
    <item><dc:date>2010-05-06T07:08:09Z</dc:date></item>
  </channel></rss>)");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(format_rfc3339(*feed.items[0].date_published), "2010-01-01T23:00:00Z");
  EXPECT_EQ(format_rfc3339(*feed.items[0].date_modified), "2010-01-01T23:00:00Z");
  EXPECT_EQ(format_rfc3339(*feed.items[1].date_published), "2010-05-06T07:08:09Z");
  EXPECT_EQ(format_rfc3339(*feed.items[1].date_modified), "2010-05-06T07:08:09Z");
}

TEST(RssAdapter, ParsesRss10RdfItems) {
  auto feed = parse_ok(R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://example.com/"><title>RDF feed</title><link>http://example.com/</link></channel>
  <item rdf:about="http://example.com/1"><title>One</title><link>http://example.com/1</link>
    <dc:creator>Joe</dc:creator><dc:date>2004-01-02T03:04:05+01:00</dc:date></item>
</rdf:RDF>)");
  EXPECT_EQ(feed.format, SourceFormat::rdf);
  EXPECT_EQ(feed.title, "RDF feed");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].id, "http://example.com/1");
  EXPECT_EQ(feed.items[0].title, "One");
  ASSERT_EQ(feed.items[0].authors.size(), 1u);
  EXPECT_EQ(feed.items[0].authors[0].name, "Joe");
  EXPECT_EQ(format_rfc3339(*feed.items[0].date_published), "2004-01-02T02:04:05Z");
}

TEST(RssAdapter, ReadsNamespacesByUriNotPrefix) {
  auto feed = parse_ok(R"(<rss version="2.0" xmlns:foo="http://purl.org/dc/elements/1.1/"
      xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:fb="http://rssnamespace.org/feedburner/ext/1.0">
    <channel><item><foo:creator>Ann</foo:creator><c:encoded>&lt;p&gt;Body&lt;/p&gt;</c:encoded>
    <fb:origLink>https://origin.example/post</fb:origLink></item></channel></rss>)");
  ASSERT_EQ(feed.items.size(), 1u);
  ASSERT_EQ(feed.items[0].authors.size(), 1u);
  EXPECT_EQ(feed.items[0].authors[0].name, "Ann");
  EXPECT_EQ(feed.items[0].content_text, "Body");
  EXPECT_EQ(feed.items[0].orig_link, "https://origin.example/post");
}

TEST(RssAdapter, ParsesPersonStrings) {
  auto feed = parse_ok(R"(<rss version="2.0"><channel>
    <item><author>Jane Doe &lt;jane@example.com&gt;</author></item>
    <item><author>bob@example.com</author></item>
    <item><author>Just A Name</author></item></channel></rss>)");
  ASSERT_EQ(feed.items.size(), 3u);
  EXPECT_EQ(feed.items[0].authors[0].name, "Jane Doe");
  EXPECT_EQ(feed.items[0].authors[0].email, "jane@example.com");
  EXPECT_FALSE(feed.items[1].authors[0].name);
  EXPECT_EQ(feed.items[1].authors[0].email, "bob@example.com");
  EXPECT_EQ(feed.items[2].authors[0].name, "Just A Name");
}

TEST(RssAdapter, DropsUnsafeUrls) {
  auto feed = parse_ok(R"(<rss version="2.0"><channel><link>javascript:alert(1)</link>
    <item><link>javascript:alert(1)</link><guid isPermaLink="false">x</guid></item></channel></rss>)");
  EXPECT_FALSE(feed.home_page_url);
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_FALSE(feed.items[0].url);
}

}  // namespace
}  // namespace feeds
