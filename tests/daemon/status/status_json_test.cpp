#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "daemon/status/status_json.hpp"
#include "status_test_support.hpp"

namespace feedd {
namespace {

using namespace status_test;
namespace json = boost::json;

TEST(StatusJson, ParsesAndHasTheDocumentedFields) {
  const auto document = json::parse(render_status_json(
      make_snapshot({make_feed(1, "Alpha"), make_feed(2, "Beta", FeedState::failing)})));
  const auto& root = document.as_object();
  EXPECT_EQ(root.at("generated_at").as_string(), "2024-03-10T12:00:00Z");
  EXPECT_EQ(root.at("started_at").as_string(), "2024-03-09T10:00:00Z");
  EXPECT_EQ(root.at("uptime_seconds").as_int64(), 26 * 3600);
  const auto& totals = root.at("totals").as_object();
  EXPECT_EQ(totals.at("feeds").as_int64(), 2);
  EXPECT_EQ(totals.at("feeds_ok").as_int64(), 1);
  EXPECT_EQ(totals.at("feeds_failing").as_int64(), 1);
  EXPECT_EQ(totals.at("feeds_disabled").as_int64(), 0);
  EXPECT_EQ(totals.at("items").as_int64(), 40);
  EXPECT_EQ(totals.at("items_new_today").as_int64(), 7);
  const auto& full_text = totals.at("full_text").as_object();
  EXPECT_EQ(full_text.at("pending").as_int64(), 2);
  EXPECT_EQ(full_text.at("failed").as_int64(), 3);
  EXPECT_EQ(full_text.at("recent_items").as_int64(), 40);
  EXPECT_EQ(full_text.at("recent_done").as_int64(), 7);
  EXPECT_EQ(full_text.at("recent_failed").as_int64(), 1);
  for (const char* field : {"retrying", "recent_skipped"}) EXPECT_TRUE(full_text.contains(field));
  EXPECT_DOUBLE_EQ(full_text.at("success_rate").as_double(), 0.875);
  const auto& last_fetch = root.at("last_fetch").as_object();
  EXPECT_EQ(last_fetch.at("feed_id").as_int64(), 1);
  EXPECT_EQ(last_fetch.at("outcome").as_string(), "ok");
  EXPECT_EQ(last_fetch.at("http_status").as_int64(), 200);
  EXPECT_EQ(last_fetch.at("duration_ms").as_int64(), 90);
}

TEST(StatusJson, ListsFeedsFailingFirstWithEveryField) {
  const auto document = json::parse(render_status_json(
      make_snapshot({make_feed(1, "Alpha"), make_feed(2, "Beta", FeedState::failing)})));
  const auto& feeds = document.at("feeds").as_array();
  ASSERT_EQ(feeds.size(), 2u);
  const auto& failing = feeds[0].as_object();
  EXPECT_EQ(failing.at("id").as_int64(), 2);
  EXPECT_EQ(failing.at("title").as_string(), "Beta");
  EXPECT_EQ(failing.at("url").as_string(), "https://example.org/feed-2.xml");
  EXPECT_EQ(failing.at("state").as_string(), "failing");
  EXPECT_EQ(failing.at("last_success_at").as_string(), "2024-03-10T11:00:00Z");
  EXPECT_TRUE(failing.at("last_fetch_at").is_null());
  EXPECT_EQ(failing.at("next_poll_at").as_string(), "2024-03-10T12:30:00Z");
  EXPECT_EQ(failing.at("last_error").as_string(), "HTTP 503 Service Unavailable");
  EXPECT_EQ(failing.at("last_error_kind").as_string(), "http_status");
  EXPECT_TRUE(failing.at("disabled_reason").is_null());
  EXPECT_EQ(failing.at("consecutive_errors").as_int64(), 0);
  EXPECT_EQ(failing.at("http_status").as_int64(), 503);
  EXPECT_EQ(failing.at("items").as_int64(), 12);
  EXPECT_EQ(failing.at("median_fetch_ms").as_int64(), 140);
  const auto& days = failing.at("items_per_day").as_array();
  ASSERT_EQ(days.size(), 30u);
  EXPECT_EQ(days[29].as_int64(), 3);
  EXPECT_EQ(days[0].as_int64(), 0);
}

TEST(StatusJson, HostileStringsStayValidJson) {
  const auto text = render_status_json(make_snapshot({make_hostile_feed(1)}));
  const auto document = json::parse(text);
  const auto& feed = document.at("feeds").as_array()[0].as_object();
  EXPECT_EQ(feed.at("title").as_string(), "<script>alert(1)</script>");
  EXPECT_EQ(feed.at("last_error").as_string(), "\"><img src=x onerror=alert(4)>");
}

TEST(StatusJson, EmptyDatabaseHasNullsNotMissingFields) {
  StatusSnapshot snapshot;
  snapshot.taken_at = now;
  snapshot.started_at = now;
  const auto document = json::parse(render_status_json(snapshot));
  EXPECT_TRUE(document.at("last_fetch").is_null());
  EXPECT_TRUE(document.at("feeds").as_array().empty());
  EXPECT_TRUE(document.at("totals").at("full_text").at("success_rate").is_null());
}

}  // namespace
}  // namespace feedd
