#include <gtest/gtest.h>

#include "feeds/parse/date.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace feeds {
namespace {

Feed parse_ok(std::string_view xml, std::string_view base = "http://example.com/feed.atom") {
  auto result = parse_feed(ParseRequest{xml, base, ""});
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? std::move(result).value() : Feed{};
}

TEST(AtomAdapter, MapsFeedAndEntryFields) {
  auto feed = parse_ok(R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="html">Atom &amp;lt;3</title>
  <subtitle>Sub</subtitle>
  <link href="http://example.com/"/><link rel="self" href="/feed.atom"/>
  <logo>/logo.png</logo>
  <author><name>Feed Author</name><email>f@example.com</email></author>
  <entry>
    <id>tag:example.com,2024:1</id>
    <title>Hello</title>
    <link rel="alternate" type="text/html" href="/posts/1"/>
    <link rel="enclosure" href="/a.mp3" type="audio/mpeg" length="99"/>
    <published>2024-01-02T03:04:05Z</published><updated>2024-01-03T00:00:00+02:00</updated>
    <author><name>Jane</name><uri>/jane</uri></author>
    <category term="news"/><category label="Label only"/>
    <summary>Plain &lt;summary&gt;</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Some <b>bold</b> text</p></div></content>
  </entry>
</feed>)");
  EXPECT_EQ(feed.format, SourceFormat::atom10);
  EXPECT_EQ(feed.title, "Atom <3");
  EXPECT_EQ(feed.description, "Sub");
  EXPECT_EQ(feed.home_page_url, "http://example.com/");
  EXPECT_EQ(feed.feed_url, "http://example.com/feed.atom");
  EXPECT_EQ(feed.icon, "http://example.com/logo.png");
  EXPECT_EQ(feed.language, "en");
  ASSERT_EQ(feed.authors.size(), 1u);
  ASSERT_EQ(feed.items.size(), 1u);
  const auto& item = feed.items[0];
  EXPECT_EQ(item.id, "tag:example.com,2024:1");
  EXPECT_EQ(item.url, "http://example.com/posts/1");
  EXPECT_EQ(item.title, "Hello");
  EXPECT_EQ(item.summary, "Plain <summary>");
  ASSERT_TRUE(item.content_html);
  EXPECT_NE(item.content_html->find("<b>bold</b>"), std::string::npos);
  EXPECT_EQ(item.content_html->find("xmlns"), std::string::npos);
  EXPECT_EQ(item.content_text, "Some bold text");
  EXPECT_EQ(format_rfc3339(*item.date_published), "2024-01-02T03:04:05Z");
  EXPECT_EQ(format_rfc3339(*item.date_modified), "2024-01-02T22:00:00Z");
  ASSERT_EQ(item.authors.size(), 1u);
  EXPECT_EQ(item.authors[0].url, "http://example.com/jane");
  EXPECT_EQ(item.tags, (std::vector<std::string>{"news", "Label only"}));
  ASSERT_EQ(item.attachments.size(), 1u);
  EXPECT_EQ(item.attachments[0].url, "http://example.com/a.mp3");
}

TEST(AtomAdapter, HonoursNestedXmlBase) {
  auto feed = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a.example/dir/">
    <entry xml:base="sub/"><id>1</id><link href="page.html"/></entry>
    <entry xml:base=""><id>2</id><link href="page.html"/></entry>
  </feed>)");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].url, "http://a.example/dir/sub/page.html");
  EXPECT_EQ(feed.items[1].url, "http://example.com/page.html");
}

TEST(AtomAdapter, EscapesTextContentAndSkipsSrcContent) {
  auto feed = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom">
    <entry><id>1</id><content type="text">a &lt;b&gt; c</content></entry>
    <entry><id>2</id><content src="http://example.com/x"/><summary>fallback</summary></entry>
  </feed>)");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].content_html, "a &lt;b&gt; c");
  EXPECT_EQ(feed.items[0].content_text, "a <b> c");
  EXPECT_EQ(feed.items[1].content_text, "fallback");
}

TEST(AtomAdapter, ParsesAtom03) {
  auto feed = parse_ok(R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#">
    <title>Old Atom</title><tagline>tag</tagline>
    <link rel="alternate" type="text/html" href="http://example.com/"/>
    <entry><id>x</id><title mode="escaped" type="text/html">&lt;i&gt;Hi&lt;/i&gt;</title>
      <issued>2003-12-13T18:30:02Z</issued><modified>2003-12-14T18:30:02Z</modified>
      <content type="text/html" mode="base64">PHA+SGVsbG88L3A+</content></entry>
  </feed>)");
  EXPECT_EQ(feed.format, SourceFormat::atom03);
  EXPECT_EQ(feed.description, "tag");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "Hi");
  EXPECT_EQ(format_rfc3339(*feed.items[0].date_published), "2003-12-13T18:30:02Z");
  EXPECT_EQ(format_rfc3339(*feed.items[0].date_modified), "2003-12-14T18:30:02Z");
  EXPECT_EQ(feed.items[0].content_text, "Hello");
}

// fuzz_feed: base64 content decodes to arbitrary bytes; the output must stay valid UTF-8.
TEST(AtomAdapter, RepairsBase64ContentThatIsNotUtf8) {
  auto feed = parse_ok(R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><id>x</id>
    <summary type="text/html" mode="base64">/////w==</summary></entry></feed>)");
  ASSERT_EQ(feed.items.size(), 1u);
  ASSERT_TRUE(feed.items[0].summary);
  EXPECT_EQ(*feed.items[0].summary, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(AtomAdapter, ItemsDoNotInheritFeedAuthors) {
  auto feed = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom"><author><name>A</name></author>
    <entry><id>1</id></entry></feed>)");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_TRUE(feed.items[0].authors.empty());
}

}  // namespace
}  // namespace feeds
