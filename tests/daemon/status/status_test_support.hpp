#pragma once
/// Snapshots built by hand for the renderer tests: no database needed.

#include <chrono>
#include <string>

#include "daemon/status/status_snapshot.hpp"

namespace feedd::status_test {

using namespace std::chrono_literals;

/// 2024-03-10T12:00:00Z, the tests' "now".
inline const TimePoint now = TimePoint{std::chrono::seconds{1710072000}};

inline FeedStatus make_feed(FeedId id, std::string title, FeedState state = FeedState::active) {
  FeedStatus status;
  status.feed.id = id;
  status.feed.url = "https://example.org/feed-" + std::to_string(id) + ".xml";
  status.feed.subscribed_url = status.feed.url;
  status.feed.title = std::move(title);
  status.feed.state = state;
  status.feed.last_success_at = now - 1h;
  status.feed.next_poll_at = now + 30min;
  status.feed.items_count = 12;
  status.last_http_status = 200;
  status.median_fetch_duration = 140ms;
  status.items_per_day[29] = 3;
  if (state != FeedState::active) {
    status.feed.last_error = "HTTP 503 Service Unavailable";
    status.feed.last_error_kind = "http_status";
    status.last_http_status = 503;
  }
  return status;
}

/// A feed whose every text is an attack on the page.
inline FeedStatus make_hostile_feed(FeedId id) {
  auto status = make_feed(id, "<script>alert(1)</script>", FeedState::failing);
  status.feed.url = "javascript:alert(2)";
  status.feed.site_url = "javascript:alert(3)";
  status.feed.last_error = "\"><img src=x onerror=alert(4)>";
  status.feed.last_error_kind = "parse";
  return status;
}

inline StatusSnapshot make_snapshot(std::vector<FeedStatus> feeds) {
  StatusSnapshot snapshot;
  snapshot.taken_at = now;
  snapshot.started_at = now - 26h;
  snapshot.feeds = std::move(feeds);
  order_failing_first(snapshot.feeds);
  snapshot.counts.items = 40;
  snapshot.counts.items_new_today = 7;
  snapshot.counts.full_text_pending = 2;
  snapshot.counts.full_text_failed = 3;
  snapshot.counts.recent_items = 40;
  snapshot.counts.recent_full_text_done = 7;
  snapshot.counts.recent_full_text_failed = 1;
  FetchRecord latest;
  latest.feed_id = 1;
  latest.started_at = now - 2min;
  latest.duration = 90ms;
  latest.http_status = 200;
  snapshot.latest_fetch = latest;
  return snapshot;
}

}  // namespace feedd::status_test
