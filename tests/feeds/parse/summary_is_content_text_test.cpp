// Item::summary_is_content_text lets storage keep an item's HTML alone and derive the summary
// when it reads: set only when the summary is exactly html_to_text of the stored HTML.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "feeds/html/sanitize_corpora.hpp"
#include "feeds/html/text.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace feeds {
namespace {

namespace fs = std::filesystem;

Item only_item(std::string_view bytes, ParseLimits limits = {}) {
  auto feed = parse_feed(ParseRequest{bytes, "http://example.com/feed", "", limits});
  EXPECT_TRUE(feed.has_value());
  EXPECT_EQ(feed ? feed->items.size() : 0u, 1u);
  return feed && !feed->items.empty() ? feed->items.front() : Item{};
}

std::string rss_item(std::string_view inner) {
  return "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
         "<channel><title>t</title><item><guid>1</guid>" +
         std::string(inner) + "</item></channel></rss>";
}

TEST(SummaryIsContentText, AnRssItemWithOnlyADescriptionHasItsTextAsSummary) {
  auto item = only_item(rss_item("<description>&lt;p&gt;One &amp;amp; &lt;b&gt;two&lt;/b&gt;&lt;/p&gt;"
                                 "&lt;p&gt;three&lt;/p&gt;</description>"));
  ASSERT_TRUE(item.content_html && item.summary);
  EXPECT_TRUE(item.summary_is_content_text);
  EXPECT_EQ(html_to_text(*item.content_html), *item.summary);
}

TEST(SummaryIsContentText, ADescriptionBesideRicherContentIsASummaryOfItsOwn) {
  auto item = only_item(rss_item("<description>Short teaser</description>"
                                 "<content:encoded><![CDATA[<p>The whole story</p>]]></content:encoded>"));
  EXPECT_EQ(item.summary.value_or(""), "Short teaser");
  EXPECT_FALSE(item.summary_is_content_text);
}

TEST(SummaryIsContentText, AScriptTheSanitizerDropsMakesTheTextsDiffer) {
  // The summary is the text of the raw description; the content is sanitized first.
  auto item = only_item(rss_item("<description>&lt;p&gt;Kept&lt;/p&gt;&lt;noscript&gt;gone&lt;/noscript&gt;"
                                 "</description>"));
  ASSERT_TRUE(item.content_html && item.summary);
  EXPECT_EQ(item.summary_is_content_text, html_to_text(*item.content_html) == *item.summary);
}

TEST(SummaryIsContentText, ContentCutByTheSizeCapIsNeverTheSummarysSource) {
  const std::string words(3000, 'w');
  ParseLimits limits;
  limits.max_content_bytes = 1000;
  auto item = only_item(rss_item("<description>&lt;p&gt;" + words + "&lt;/p&gt;</description>"), limits);
  ASSERT_TRUE(item.content_html && item.summary);
  EXPECT_EQ(*item.summary, *item.content_text);
  EXPECT_FALSE(item.summary_is_content_text);
}

TEST(SummaryIsContentText, JsonFeedContentTextIsTheFeedsOwnNotTheTextOfItsHtml) {
  auto item = only_item(R"({"version": "https://jsonfeed.org/version/1.1", "title": "t",
    "items": [{"id": "1", "content_html": "<p>Same <b>words</b></p>", "content_text": "Same words",
               "summary": "Same words"}]})");
  EXPECT_EQ(item.summary.value_or(""), "Same words");
  EXPECT_FALSE(item.summary_is_content_text);

  auto html_only = only_item(R"({"version": "https://jsonfeed.org/version/1.1", "title": "t",
    "items": [{"id": "1", "content_html": "<p>Same <b>words</b></p>", "summary": "Same words"}]})");
  EXPECT_TRUE(html_only.summary_is_content_text);
}

// Every flagged item of every feed under `folder`; returns how many there were.
int check_flagged_items(const fs::path& folder) {
  int flagged = 0;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    const auto bytes = testing::read_file(entry.path());
    auto feed = parse_feed(ParseRequest{bytes, "http://example.com/feeds/", ""});
    if (!feed) continue;
    for (const auto& item : feed->items) {
      if (!item.summary_is_content_text) continue;
      ++flagged;
      EXPECT_TRUE(item.content_html && item.summary) << entry.path();
      if (item.content_html && item.summary) {
        EXPECT_EQ(html_to_text(*item.content_html), *item.summary) << entry.path();
      }
    }
  }
  return flagged;
}

TEST(SummaryIsContentText, HoldsForEveryFlaggedItemOfTheCorpora) {
  const fs::path corpora = fs::path(FEEDD_SHARED_DIR) / "corpora";
  int flagged = check_flagged_items(corpora / "feedparser-tests");
  flagged += check_flagged_items(corpora / "xss-vectors");
  EXPECT_GE(flagged, 400);
}

}  // namespace
}  // namespace feeds
