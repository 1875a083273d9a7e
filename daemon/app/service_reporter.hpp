#pragma once
/// What systemd hears from `feedd run`: READY/RELOADING/STOPPING around start-up, SIGHUP and
/// SIGTERM, a STATUS line refreshed from the database, and WATCHDOG pings sent from the event
/// loop itself, so that a loop stuck in one handler stops the pings and systemd restarts us.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "daemon/app/storage_owner.hpp"
#include "daemon/scheduler/clock.hpp"
#include "daemon/storage/records.hpp"

namespace feedd {

/// The STATUS= line for the stored feeds: "polling 120 feeds, 2 failing, next in 40 s".
/// Feeds no longer configured are left out; disabled ones are counted apart.
std::string describe_service_status(const std::vector<FeedRecord>& feeds, TimePoint now);

class ServiceReporter {
public:
  /// `watchdog` is the interval systemd expects pings within (service::watchdog_interval());
  /// pings go out at half of it. The status line is refreshed every `status_period`.
  ServiceReporter(boost::asio::any_io_executor executor, StorageOwner& storage, const Clock& clock,
                  std::optional<std::chrono::microseconds> watchdog,
                  std::chrono::seconds status_period = std::chrono::seconds(30));

  /// Pings the watchdog and refreshes the status until stop().
  boost::asio::awaitable<void> run();
  /// READY=1, then a fresh status line.
  void ready();
  /// RELOADING=1 (before the config is read again; ready() follows).
  void reloading();
  /// STOPPING=1; run() returns.
  void stop();

private:
  boost::asio::awaitable<void> ping_watchdog();
  boost::asio::awaitable<void> refresh_status();

  StorageOwner& storage_;
  const Clock& clock_;
  std::optional<std::chrono::microseconds> watchdog_;
  std::chrono::seconds status_period_;
  boost::asio::steady_timer watchdog_timer_;
  boost::asio::steady_timer status_timer_;
  bool stopping_ = false;
};

}  // namespace feedd
