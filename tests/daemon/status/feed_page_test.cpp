#include <gtest/gtest.h>

#include "daemon/status/feed_page.hpp"
#include "html_attributes.hpp"
#include "status_test_support.hpp"

namespace feedd {
namespace {

using namespace status_test;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

FetchRecord fetch(std::int64_t id, std::chrono::milliseconds duration,
                  FetchLogOutcome outcome = FetchLogOutcome::ok) {
  FetchRecord record;
  record.id = id;
  record.feed_id = 2;
  record.started_at = now - std::chrono::hours(10 - id);
  record.duration = duration;
  record.outcome = outcome;
  record.http_status = outcome == FetchLogOutcome::error ? 503 : 200;
  if (outcome == FetchLogOutcome::error) {
    record.error_kind = "http_status";
    record.error_detail = "<b>down</b>";
  }
  return record;
}

ItemRecord item(ItemId id, std::string title, std::string url) {
  ItemRecord record;
  record.id = id;
  record.feed_id = 2;
  record.identity_key = "guid:" + std::to_string(id);
  record.title = std::move(title);
  record.url = std::move(url);
  record.first_seen_at = now - 1h;
  return record;
}

FeedDetail hostile_detail() {
  FeedDetail detail;
  detail.status = make_hostile_feed(2);
  detail.fetches = {fetch(3, 900ms, FetchLogOutcome::error), fetch(2, 300ms), fetch(1, 100ms)};
  auto failed = item(7, "<script>alert(5)</script>", "javascript:alert(6)");
  failed.full_text_status = FullTextStatus::failed;
  failed.full_text_error = "\"><img src=x onerror=alert(7)>";
  auto done = item(8, "Good article", "https://example.org/good");
  done.full_text_status = FullTextStatus::done;
  done.full_text_method = "readability";
  detail.items = {failed, done};
  return detail;
}

TEST(FeedPage, EscapesEveryTextFromTheFeed) {
  const auto html = render_feed_page(hostile_detail(), now);
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "<img"));
  EXPECT_FALSE(contains(html, "<b>down"));
  EXPECT_TRUE(contains(html, "&lt;script&gt;alert(5)&lt;/script&gt;"));
  EXPECT_TRUE(contains(html, "&quot;&gt;&lt;img src=x onerror=alert(7)&gt;"));
  EXPECT_TRUE(contains(html, "http_status: &lt;b&gt;down&lt;/b&gt;"));
  EXPECT_TRUE(contains(html, "<title>&lt;script&gt;alert(1)&lt;/script&gt; — feedd</title>"));
  for (const auto& attribute : link_attributes(html)) {
    EXPECT_TRUE(attribute.value.starts_with("/") || attribute.value.starts_with("data:image/svg+xml,") ||
                attribute.value == "https://example.org/good")
        << attribute.value;
  }
}

TEST(FeedPage, ShowsExtractionStatusMethodAndFailure) {
  const auto html = render_feed_page(hostile_detail(), now);
  EXPECT_TRUE(contains(html, "<a href=\"https://example.org/good\" rel=\"noreferrer\">"
                             "Good article</a>"));
  EXPECT_TRUE(contains(html, "<td>done</td><td>readability</td>"));
  EXPECT_TRUE(contains(html, "<td>failed</td><td></td>"));
}

TEST(FeedPage, DrawsOneLatencyBarPerFetchOldestLeft) {
  const auto html = render_feed_page(hostile_detail(), now);
  const auto chart = html.substr(html.find("<svg class=\"latency\""));
  const auto first_bar = chart.find("<rect");
  ASSERT_NE(first_bar, std::string::npos);
  EXPECT_TRUE(chart.substr(first_bar).starts_with("<rect class=\"good\" x=\"0\""))
      << "the oldest fetch (ok, 100 ms) is leftmost";
  EXPECT_TRUE(contains(chart, "<rect class=\"bad\" x=\"400\" y=\"14\" width=\"170\" "
                              "height=\"106\">"))
      << "the newest fetch failed and is the tallest (the maximum)";
  EXPECT_TRUE(contains(chart, ">max 900 ms</text>"));
}

TEST(FeedPage, FeedWithoutFetchesOrItemsRenders) {
  FeedDetail detail;
  detail.status.feed.id = 5;
  detail.status.feed.url = "https://example.org/new.xml";
  const auto html = render_feed_page(detail, now);
  EXPECT_TRUE(contains(html, "No fetches logged yet."));
  EXPECT_TRUE(contains(html, "No items stored."));
  EXPECT_TRUE(contains(html, "<h1>https://example.org/new.xml</h1>"));
  EXPECT_TRUE(contains(html, "<meta http-equiv=\"refresh\" content=\"60\">"));
}

}  // namespace
}  // namespace feedd
