#pragma once
/// The status side of the HTTP server: the dashboard (`/`), `/feeds/{id}`, `/api/status`,
/// `/metrics` and `/healthz`. Each reads storage in one storage operation, then renders with
/// the pure functions of this folder. Runs on the event loop.

#include <chrono>
#include <optional>
#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "daemon/app/storage_owner.hpp"
#include "daemon/scheduler/clock.hpp"
#include "daemon/server/reply.hpp"
#include "daemon/status/metrics.hpp"

namespace feedd {

/// The feed id of a `/feeds/{id}` path (decimal digits only, no trailing slash), else nullopt.
std::optional<FeedId> feed_id_from_path(std::string_view path);

class StatusPages {
 public:
  /// `started_at` is the daemon's start (uptime, process_start_time_seconds). All references
  /// must outlive this object; `health_timeout` bounds the database round trip of /healthz.
  StatusPages(StorageOwner& storage, Metrics& metrics, const Clock& clock, TimePoint started_at,
              std::chrono::milliseconds health_timeout = std::chrono::seconds(2));

  /// `/`: the HTML dashboard.
  boost::asio::awaitable<Reply> dashboard();
  /// `/feeds/{id}`: the feed's page, or nullopt (a 404) when there is no such feed.
  boost::asio::awaitable<std::optional<Reply>> feed_page(FeedId feed_id);
  /// `/api/status`: the dashboard's data as JSON (fields in status_json.hpp).
  boost::asio::awaitable<Reply> api_status();
  /// `/metrics`: Prometheus text format 0.0.4.
  boost::asio::awaitable<Reply> metrics();
  /// `/healthz`: 200 "ok" when the event loop runs this and the database answers a trivial
  /// query within the timeout; else 503 with the reason.
  boost::asio::awaitable<Reply> healthz();

 private:
  StorageOwner& storage_;
  Metrics& metrics_;
  const Clock& clock_;
  TimePoint started_at_;
  std::chrono::milliseconds health_timeout_;
};

}  // namespace feedd
