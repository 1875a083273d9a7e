#include <gtest/gtest.h>

#include "daemon/status/dashboard.hpp"
#include "daemon/status/page_layout.hpp"
#include "html_attributes.hpp"
#include "status_test_support.hpp"

namespace feedd {
namespace {

using namespace status_test;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Dashboard, EscapesHostileTitlesUrlsAndErrors) {
  const auto html = render_dashboard(make_snapshot({make_feed(1, "Fine"), make_hostile_feed(2)}));
  EXPECT_FALSE(contains(html, "<script")) << "no script at all, hostile or ours";
  EXPECT_FALSE(contains(html, "<img"));
  EXPECT_FALSE(contains(html, "onerror=alert(4)>"));
  EXPECT_TRUE(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(contains(html, "&quot;&gt;&lt;img src=x onerror=alert(4)&gt;"));
  for (const auto& attribute : link_attributes(html)) {
    EXPECT_FALSE(contains(attribute.value, "javascript")) << attribute.value;
  }
  EXPECT_TRUE(contains(html, ">javascript:alert(2)<")) << "shown as text, not a link";
}

TEST(Dashboard, ListsFailingFeedsFirst) {
  const auto html = render_dashboard(make_snapshot({make_feed(1, "Alpha"), make_feed(2, "Beta"),
                                                    make_feed(3, "Zulu", FeedState::failing),
                                                    make_feed(4, "Yankee", FeedState::disabled)}));
  const auto zulu = html.find(">Zulu<");
  const auto yankee = html.find(">Yankee<");
  const auto alpha = html.find(">Alpha<");
  const auto beta = html.find(">Beta<");
  ASSERT_NE(zulu, std::string::npos);
  EXPECT_LT(zulu, yankee);
  EXPECT_LT(yankee, alpha);
  EXPECT_LT(alpha, beta);
  EXPECT_TRUE(contains(html, "<a href=\"/feeds/3\">Zulu</a>"));
}

TEST(Dashboard, ShowsTotals) {
  const auto html = render_dashboard(make_snapshot({make_feed(1, "Alpha"),
                                                    make_feed(2, "Beta", FeedState::failing)}));
  EXPECT_TRUE(contains(html, "<dt>Feeds ok</dt><dd>1</dd>"));
  EXPECT_TRUE(contains(html, "<dt>Feeds failing</dt><dd>1</dd>"));
  EXPECT_TRUE(contains(html, "<dt>Feeds disabled</dt><dd>0</dd>"));
  EXPECT_TRUE(contains(html, "<dt>Items stored</dt><dd>40</dd>"));
  EXPECT_TRUE(contains(html, "<dt>New today</dt><dd>7</dd>"));
  EXPECT_TRUE(contains(html, "<dt>Full-text success</dt><dd>87.5 %</dd>"));
  EXPECT_TRUE(contains(html, "<dt>Uptime</dt><dd>1 d 2 h</dd>"));
  EXPECT_TRUE(contains(html, "<dt>Last fetch</dt><dd>2 min ago"));
  EXPECT_TRUE(contains(html, "HTTP 503 Service Unavailable"));
  EXPECT_TRUE(contains(html, "140 ms"));
}

TEST(Dashboard, EmptyDatabaseRendersAWholePage) {
  StatusSnapshot snapshot;
  snapshot.taken_at = now;
  snapshot.started_at = now;
  const auto html = render_dashboard(snapshot);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
  EXPECT_TRUE(html.ends_with("</html>\n"));
  EXPECT_TRUE(contains(html, "No feeds configured."));
  EXPECT_TRUE(contains(html, "<dt>Last fetch</dt><dd>never</dd>"));
  EXPECT_TRUE(contains(html, "<dt>Full-text success</dt><dd>—</dd>"));
}

TEST(Dashboard, HasBothThemesPhoneLayoutAndSelfRefresh) {
  const auto html = render_dashboard(make_snapshot({make_feed(1, "Alpha")}));
  EXPECT_TRUE(contains(html, "<link rel=\"stylesheet\" href=\"/style.css\">"));
  EXPECT_TRUE(contains(std::string(page_stylesheet()), "@media (prefers-color-scheme:dark)"));
  EXPECT_TRUE(contains(html, "<meta name=\"viewport\" content=\"width=device-width"));
  EXPECT_TRUE(contains(html, "<meta http-equiv=\"refresh\" content=\"60\">"));
  EXPECT_TRUE(contains(std::string(page_stylesheet()), "overflow-x:auto"));
}

TEST(Dashboard, LoadsNothingFromOutside) {
  auto feed = make_feed(1, "Alpha");
  feed.feed.site_url = "https://example.org/";
  const auto html = render_dashboard(make_snapshot({feed, make_feed(2, "Beta")}));
  for (const auto& tag : tags(html)) {
    if (tag == "<link rel=\"stylesheet\" href=\"/style.css\">") continue;  // our own, same origin
    if (tag.starts_with("<link rel=\"icon\" href=\"data:image/svg+xml,")) continue;  // inline, loads nothing
    EXPECT_FALSE(tag.starts_with("<script") || tag.starts_with("<link") || tag.starts_with("<style") ||
                 tag.starts_with("<img") || tag.starts_with("<iframe") ||
                 tag.starts_with("<object") || tag.starts_with("<embed"))
        << tag;
  }
  EXPECT_FALSE(contains(html, "@import"));
  EXPECT_FALSE(contains(html, "url("));
  int feed_links = 0;
  for (const auto& attribute : link_attributes(html)) {
    EXPECT_EQ(attribute.name, "href") << attribute.value;
    if (attribute.value.starts_with("/") || attribute.value.starts_with("data:image/svg+xml,")) continue;
    EXPECT_TRUE(attribute.value == "https://example.org/feed-1.xml" ||
                attribute.value == "https://example.org/feed-2.xml")
        << "only feed links leave the page: " << attribute.value;
    ++feed_links;
  }
  EXPECT_EQ(feed_links, 2);
}

TEST(Dashboard, DrawsASparklinePerFeed) {
  const auto html = render_dashboard(make_snapshot({make_feed(1, "Alpha"), make_feed(2, "Beta")}));
  std::size_t sparklines = 0;
  for (auto at = html.find("<svg class=\"spark\""); at != std::string::npos;
       at = html.find("<svg class=\"spark\"", at + 1)) {
    ++sparklines;
  }
  EXPECT_EQ(sparklines, 2u);
  EXPECT_TRUE(contains(html, "<title>3 items in 30 days</title>"));
}

}  // namespace
}  // namespace feedd
