#include "daemon/app/service_reporter.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "daemon/runtime/sd_notify.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;

std::string describe_wait(std::chrono::seconds wait) {
  if (wait.count() <= 0) return "now";
  if (wait < std::chrono::minutes(2)) return fmt::format("in {} s", wait.count());
  if (wait < std::chrono::hours(2)) return fmt::format("in {} min", wait.count() / 60);
  return fmt::format("in {} h", wait.count() / 3600);
}

}  // namespace

std::string describe_service_status(const std::vector<FeedRecord>& feeds, TimePoint now) {
  std::size_t polled = 0, failing = 0, disabled = 0;
  std::optional<TimePoint> next;
  for (const auto& feed : feeds) {
    if (!feed.configured) continue;
    if (feed.state == FeedState::disabled) {
      ++disabled;
      continue;
    }
    ++polled;
    if (feed.state == FeedState::failing) ++failing;
    // A feed never polled, or overdue, is due now.
    auto due = feed.next_poll_at.value_or(now);
    next = next ? std::min(*next, due) : due;
  }
  std::string text = fmt::format("polling {} feed{}", polled, polled == 1 ? "" : "s");
  if (failing > 0) text += fmt::format(", {} failing", failing);
  if (disabled > 0) text += fmt::format(", {} disabled", disabled);
  if (next) text += ", next " + describe_wait(*next - now);
  return text;
}

ServiceReporter::ServiceReporter(asio::any_io_executor executor, StorageOwner& storage, const Clock& clock,
                                 std::optional<std::chrono::microseconds> watchdog,
                                 std::chrono::seconds status_period)
    : storage_(storage),
      clock_(clock),
      watchdog_(watchdog),
      status_period_(status_period),
      watchdog_timer_(executor),
      status_timer_(executor) {}

asio::awaitable<void> ServiceReporter::run() {
  using namespace asio::experimental::awaitable_operators;
  co_await (ping_watchdog() && refresh_status());
}

void ServiceReporter::ready() {
  service::notify_ready();
  status_timer_.cancel();  // refresh the status line now
}

void ServiceReporter::reloading() { service::notify_reloading(); }

void ServiceReporter::stop() {
  service::notify_stopping();
  stopping_ = true;
  watchdog_timer_.cancel();
  status_timer_.cancel();
}

asio::awaitable<void> ServiceReporter::ping_watchdog() {
  if (!watchdog_) co_return;
  const auto period = *watchdog_ / 2;
  while (!stopping_) {
    service::notify_watchdog();
    watchdog_timer_.expires_after(period);
    co_await watchdog_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

asio::awaitable<void> ServiceReporter::refresh_status() {
  while (!stopping_) {
    try {
      auto list = [](Store& store) { return store.list_feeds(); };
      auto feeds = co_await storage_.run(list);
      if (!stopping_) service::notify_status(describe_service_status(feeds, clock_.now()));
    } catch (const std::exception& error) {
      spdlog::warn("service status: {}", error.what());
    }
    status_timer_.expires_after(status_period_);
    co_await status_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

}  // namespace feedd
