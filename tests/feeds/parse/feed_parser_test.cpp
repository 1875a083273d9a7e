// parse_feed on hostile and non-feed documents (security.md §2 rows 27-36).
#include <gtest/gtest.h>

#include <string>

#include "feeds/parse/encoding.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace feeds {
namespace {

Result<Feed> parse(std::string_view bytes) { return parse_feed(ParseRequest{bytes, "http://example.com/", ""}); }

std::string rss_with_items(std::size_t count) {
  std::string xml = "<rss version=\"2.0\"><channel><title>many</title>";
  for (std::size_t i = 0; i < count; ++i)
    xml += "<item><guid>id-" + std::to_string(i) + "</guid><title>t</title></item>";
  return xml + "</channel></rss>";
}

TEST(ParseFeed, RejectsHtmlPageAsNotAFeed) {
  auto result = parse("<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</body></html>");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::not_a_feed);
  EXPECT_NE(result.error().message.find("html"), std::string::npos);
}

TEST(ParseFeed, RejectsEmptyAndOpmlDocuments) {
  EXPECT_FALSE(parse(""));
  EXPECT_FALSE(parse("   \n"));
  auto opml = parse("<opml version=\"2.0\"><body><outline xmlUrl=\"http://x/\"/></body></opml>");
  ASSERT_FALSE(opml);
  EXPECT_EQ(opml.error().code, ErrorCode::not_a_feed);
}

TEST(ParseFeed, RecoversTruncatedDocumentKeepingCompletedItems) {
  auto result = parse("<rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item>"
                      "<item><title>two</title></item><item><title>thr");
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_TRUE(result->bozo);
  ASSERT_GE(result->items.size(), 2u);
  EXPECT_EQ(result->items[0].title, "one");
  EXPECT_EQ(result->items[1].title, "two");
}

TEST(ParseFeed, RecoversHtmlEntitiesAndBareAmpersands) {
  auto result = parse("<rss version=\"2.0\"><channel><title>Caf&eacute; &nbsp;&amp; Bar & Grill</title></channel></rss>");
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->title, "Caf\xC3\xA9 & Bar & Grill");
}

TEST(ParseFeed, DoesNotExpandEntitiesFromTheDoctype) {
  std::string laughs = R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
    <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
    <!ENTITY x SYSTEM "file:///etc/passwd">]>
    <rss version="2.0"><channel><title>&e; &x;</title></channel></rss>)";
  auto result = parse(laughs);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_LT(result->title.value_or("").size(), 100u);
  EXPECT_EQ(result->title.value_or("").find("root:"), std::string::npos);
}

// fuzz_feed: an end tag cut at 64 bytes inside a UTF-8 sequence made the warning invalid UTF-8.
TEST(ParseFeed, WarningsStayValidUtf8WhenTheyQuoteTheInput) {
  std::string tag(62, 'a');
  auto result = parse("<rss version=\"2.0\"><channel><title>t</title></channel></" + tag + "\xE2\x80\x99\xE2\x80\x99>");
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_FALSE(result->warnings.empty());
  for (const auto& warning : result->warnings) {
    auto repaired = repair_utf8(warning);
    EXPECT_EQ(repaired, warning);
  }
}

TEST(ParseFeed, StripsNulAndControlCharacters) {
  std::string xml = "<rss version=\"2.0\"><channel><title>a";
  xml += '\0';
  xml += "b\x01" "c</title></channel></rss>";
  auto result = parse(xml);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->title, "abc");
}

TEST(ParseFeed, CapsItemCount) {
  ParseRequest request{"", "", ""};
  auto xml = rss_with_items(300);
  request.bytes = xml;
  request.limits.max_items = 100;
  auto result = parse_feed(request);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->items.size(), 100u);
  EXPECT_FALSE(result->warnings.empty());
}

TEST(ParseFeed, Parses100kItems) {
  auto xml = rss_with_items(100000);
  ParseRequest request{xml, "", ""};
  request.limits.max_items = 200000;
  auto result = parse_feed(request);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->items.size(), 100000u);
}

TEST(ParseFeed, RefusesDocumentsOverTheSizeCap) {
  std::string xml = rss_with_items(10);
  ParseRequest request{xml, "", ""};
  request.limits.max_bytes = 100;
  auto result = parse_feed(request);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::too_large);
}

TEST(ParseFeed, SurvivesDeepNesting) {
  std::string xml = "<rss version=\"2.0\"><channel><title>deep</title><item><description>";
  for (int i = 0; i < 100000; ++i) xml += "<a>";
  xml += "x";
  for (int i = 0; i < 100000; ++i) xml += "</a>";
  xml += "</description></item></channel></rss>";
  auto result = parse(xml);
  if (result) {
    EXPECT_EQ(result->title, "deep");
  } else {
    EXPECT_EQ(result.error().code, ErrorCode::too_deep);
  }
}

TEST(ParseFeed, TruncatesMegabyteTitles) {
  std::string xml = "<rss version=\"2.0\"><channel><item><title>" + std::string(1 << 20, 'x') +
                    "</title></item></channel></rss>";
  auto result = parse(xml);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->items.size(), 1u);
  EXPECT_LE(result->items[0].title->size(), ParseLimits{}.max_title_bytes);
}

TEST(ParseFeed, DecodesDeclaredLegacyEncoding) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"koi8-r\"?><rss version=\"2.0\"><channel><title>\xF0\xD2\xC9\xD7\xC5\xD4</title></channel></rss>";
  auto result = parse(xml);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->encoding, "koi8-r");
  EXPECT_EQ(result->title, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
}

}  // namespace
}  // namespace feeds
