#include "daemon/status/status_pages.hpp"

#include <memory>
#include <string>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "daemon/status/dashboard.hpp"
#include "daemon/status/feed_page.hpp"
#include "daemon/status/metrics_text.hpp"
#include "daemon/status/status_json.hpp"
#include "daemon/status/status_snapshot.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;

constexpr const char* html_type = "text/html; charset=utf-8";

// Shared by /healthz and the storage round trip it started, which may outlive the request
// when the database hangs.
struct HealthProbe {
  explicit HealthProbe(asio::any_io_executor executor) : wake(std::move(executor)) {}
  asio::steady_timer wake;
  bool answered = false;
  std::string error;
};

asio::awaitable<void> probe_storage(StorageOwner& storage, std::shared_ptr<HealthProbe> probe) {
  auto ping = [](Store& store) { store.ping(); };
  try {
    co_await storage.run(ping);
  } catch (const std::exception& error) {
    probe->error = error.what();
  }
  probe->answered = true;
  probe->wake.cancel();
}

}  // namespace

std::optional<FeedId> feed_id_from_path(std::string_view path) {
  constexpr std::string_view prefix = "/feeds/";
  if (!path.starts_with(prefix)) return std::nullopt;
  const auto digits = path.substr(prefix.size());
  // 18 digits always fit an int64; longer ids do not exist.
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  FeedId id = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

StatusPages::StatusPages(StorageOwner& storage, Metrics& metrics, const Clock& clock,
                         TimePoint started_at, std::chrono::milliseconds health_timeout)
    : storage_(storage),
      metrics_(metrics),
      clock_(clock),
      started_at_(started_at),
      health_timeout_(health_timeout) {}

asio::awaitable<Reply> StatusPages::dashboard() {
  const auto now = clock_.now();
  const auto started_at = started_at_;
  auto gather = [now, started_at](Store& store) { return gather_status(store, now, started_at); };
  const auto snapshot = co_await storage_.run(gather);
  co_return make_reply(200, html_type, render_dashboard(snapshot));
}

asio::awaitable<std::optional<Reply>> StatusPages::feed_page(FeedId feed_id) {
  const auto now = clock_.now();
  auto gather = [feed_id, now](Store& store) { return gather_feed_detail(store, feed_id, now); };
  const auto detail = co_await storage_.run(gather);
  if (!detail) co_return std::nullopt;
  co_return make_reply(200, html_type, render_feed_page(*detail, now));
}

asio::awaitable<Reply> StatusPages::api_status() {
  const auto now = clock_.now();
  const auto started_at = started_at_;
  auto gather = [now, started_at](Store& store) { return gather_status(store, now, started_at); };
  const auto snapshot = co_await storage_.run(gather);
  co_return make_reply(200, "application/json", render_status_json(snapshot));
}

asio::awaitable<Reply> StatusPages::metrics() {
  const auto started_at = started_at_;
  auto gather = [started_at](Store& store) { return gather_metrics_gauges(store, started_at); };
  const auto gauges = co_await storage_.run(gather);
  co_return make_reply(200, std::string(metrics_content_type), render_metrics(metrics_, gauges));
}

asio::awaitable<Reply> StatusPages::healthz() {
  auto executor = co_await asio::this_coro::executor;
  auto probe = std::make_shared<HealthProbe>(executor);
  probe->wake.expires_after(health_timeout_);
  asio::co_spawn(executor, probe_storage(storage_, probe), asio::detached);
  co_await probe->wake.async_wait(asio::as_tuple(asio::use_awaitable));
  if (!probe->answered) {
    co_return make_reply(503, "text/plain; charset=utf-8",
                         "database did not answer within " +
                             std::to_string(health_timeout_.count()) + " ms\n");
  }
  if (!probe->error.empty()) {
    co_return make_reply(503, "text/plain; charset=utf-8", "database: " + probe->error + "\n");
  }
  co_return make_reply(200, "text/plain; charset=utf-8", "ok\n");
}

}  // namespace feedd
