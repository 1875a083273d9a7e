#include "daemon/app/daemon.hpp"

#include <csignal>
#include <cstring>
#include <optional>
#include <random>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "daemon/app/background_loops.hpp"
#include "daemon/app/daemon_setup.hpp"
#include "daemon/app/refresh_feed.hpp"
#include "daemon/app/service_reporter.hpp"
#include "daemon/app/web_site.hpp"
#include "daemon/runtime/logging.hpp"
#include "daemon/runtime/sd_notify.hpp"
#include "daemon/runtime/task_group.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

constexpr auto kStopGrace = 10s;

class Daemon {
public:
  Daemon(Config config, std::filesystem::path config_path)
      : config_path_(std::move(config_path)),
        directory_(config),
        site_rules_(load_configured_site_rules(config)),
        http_(io_.get_executor(), http_client_options(config)),
        limiter_(config.poll.concurrency, config.poll.per_host),
        store_backlog_(document_backlog(config.poll.per_host), document_backlog(config.poll.per_host)),
        storage_(open_store(config.daemon.database, config.dedup)),
        context_{.http = http_,
                 .limiter = limiter_,
                 .cpu = cpu_,
                 .storage = storage_,
                 .clock = clock_,
                 .feeds = directory_,
                 .site_rules = site_rules_ ? &site_rules_->rules : nullptr,
                 .jitter = [this] { return std::uniform_real_distribution<double>(0, 1)(random_); },
                 .full_text = config.fulltext.enabled,
                 .events = &web_},
        scheduler_(io_.get_executor(), clock_, limiter_,
                   [this](FeedId id, HostLimiter::Permit& permit) { return refresh(id, permit); },
                   scheduler_options(config)),
        full_text_(io_.get_executor(), context_, config.fulltext.concurrency),
        housekeeper_(io_.get_executor(), context_),
        web_(io_.get_executor(), config, storage_, cpu_, clock_),
        service_(io_.get_executor(), storage_, clock_, service::watchdog_interval()),
        loops_(io_.get_executor(), "daemon"),
        signals_(io_, SIGINT, SIGTERM, SIGHUP),
        grace_(io_) {
    context_.story_policy = story_policy(config.dedup);
    context_.store_backlog = &store_backlog_;
  }

  int run() {
    asio::co_spawn(io_, start(), [this](std::exception_ptr error) {
      if (!error) return;
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& exception) {
        spdlog::critical("start-up failed: {}", exception.what());
      }
      failed_ = true;
      io_.stop();
    });
    io_.run();
    storage_.stop();
    return failed_ ? 1 : 0;
  }

private:
  SchedulerOptions scheduler_options(const Config& config) {
    SchedulerOptions options;
    options.jitter = context_.jitter;
    // Room for the refreshes that hold a fetch slot and for as many again waiting for storage
    // or a slot: more would only be coroutines in memory.
    options.launch_limit = 4 * static_cast<std::size_t>(config.poll.concurrency);
    options.launch_limit_per_host = 4 * static_cast<std::size_t>(config.poll.per_host);
    options.on_plan = [this](FeedId id, const PollPlan& plan) {
      spdlog::debug("feed #{}: next poll {}", id, describe_schedule(plan, clock_.now()));
    };
    return options;
  }

  asio::awaitable<RefreshResult> refresh(FeedId id, HostLimiter::Permit& permit) {
    auto report = co_await refresh_feed(id, context_, &permit);
    if (!report.full_text_items.empty()) full_text_.wake();
    co_return report.schedule;
  }

  /// The configured feeds that are not disabled, with what storage knows about them.
  asio::awaitable<std::vector<ScheduledFeed>> scheduled_feeds() {
    auto feeds = co_await storage_.run([](Store& store) { return store.list_feeds(); });
    std::vector<ScheduledFeed> scheduled;
    for (const auto& feed : feeds) {
      if (!feed.configured || feed.state == FeedState::disabled) continue;
      ScheduledFeed entry;
      entry.id = feed.id;
      entry.url = feed.url;
      entry.policy = directory_.policy(feed.subscribed_url.empty() ? feed.url : feed.subscribed_url);
      entry.stats = poll_stats_of(feed);
      entry.next_poll = feed.next_poll_at;
      scheduled.push_back(std::move(entry));
    }
    co_return scheduled;
  }

  asio::awaitable<void> start() {
    const auto& config = directory_.config();
    auto subscriptions = subscriptions_of(config.feeds);
    auto now = clock_.now();
    co_await storage_.run([&subscriptions, now](Store& store) { return store.sync_feeds(subscriptions, now); });
    // Before any polling: a listen address taken by another process ends start-up (exit 1).
    web_.listen();
    loops_.spawn(run_logged("http server", web_.run()));
    auto feeds = co_await scheduled_feeds();
    for (auto& feed : feeds) scheduler_.add_feed(std::move(feed));
    loops_.spawn(run_logged("scheduler", scheduler_.run()));
    loops_.spawn(run_logged("full text", full_text_.run()));
    loops_.spawn(run_logged("housekeeping", housekeeper_.run()));
    // Not in loops_: stop() runs inside this coroutine and waits for loops_.
    asio::co_spawn(io_, handle_signals(), [](std::exception_ptr error) {
      if (error) spdlog::critical("signal handling failed");
    });
    spdlog::info("feedd {} running: {} feeds, database {}", FEEDD_VERSION, scheduler_.feed_count(),
                 config.daemon.database.string());
    // Last: READY=1 promises the database is open and the server listens.
    loops_.spawn(run_logged("service status", service_.run()));
    service_.ready();
  }

  static asio::awaitable<void> run_logged(const char* name, asio::awaitable<void> loop) {
    co_await std::move(loop);
    spdlog::debug("{} loop ended", name);
  }

  asio::awaitable<void> handle_signals() {
    for (;;) {
      auto [error, number] = co_await signals_.async_wait(asio::as_tuple(asio::use_awaitable));
      if (error) co_return;
      if (number == SIGHUP) {
        service_.reloading();
        co_await reload();
        service_.ready();
        continue;
      }
      spdlog::info("{}: stopping", strsignal(number));
      co_await stop();
      co_return;
    }
  }

  /// SIGHUP: re-read the config; feeds added start polling, removed ones stop; items stay.
  asio::awaitable<void> reload() {
    auto loaded = load_config(config_path_);
    if (!loaded.ok()) {
      for (const auto& problem : loaded.problems) spdlog::error("{}", problem.to_string());
      spdlog::error("reload: {} has {} problem(s); the running config stays", config_path_.string(),
                    loaded.problems.size());
      co_return;
    }
    warn_about_restart_only_settings(directory_.config(), loaded.config);
    directory_ = FeedDirectory(loaded.config);
    web_.reconfigure(loaded.config);
    auto subscriptions = subscriptions_of(loaded.config.feeds);
    auto now = clock_.now();
    co_await storage_.run([&subscriptions, now](Store& store) { return store.sync_feeds(subscriptions, now); });
    scheduler_.sync_feeds(co_await scheduled_feeds());
    spdlog::info("reloaded {}: {} feeds", config_path_.string(), scheduler_.feed_count());
  }

  /// No new fetches; refreshes in flight finish within kStopGrace, then the loop ends.
  asio::awaitable<void> stop() {
    service_.stop();
    full_text_.stop();
    housekeeper_.stop();
    signals_.cancel();
    auto report = co_await scheduler_.stop(std::chrono::duration_cast<std::chrono::milliseconds>(kStopGrace));
    if (report.cancelled > 0) spdlog::warn("stop: {} refreshes cancelled after the grace period", report.cancelled);
    grace_.expires_after(kStopGrace);
    asio::co_spawn(io_, stop_loop_after_grace(), asio::detached);
    co_await web_.stop(std::chrono::seconds(2));
    co_await loops_.wait();
    grace_.cancel();  // everything ended in time: stop the loop now
    spdlog::info("stopped");
  }

  asio::awaitable<void> stop_loop_after_grace() {
    auto [error] = co_await grace_.async_wait(asio::as_tuple(asio::use_awaitable));
    if (!error) spdlog::warn("stop: work still running after {} s; leaving it", kStopGrace.count());
    io_.stop();  // also ends idle keep-alive timers
  }

  std::filesystem::path config_path_;
  asio::io_context io_;
  FeedDirectory directory_;
  SystemClock clock_;
  std::mt19937_64 random_{std::random_device{}()};
  std::optional<LoadedSiteRules> site_rules_;
  HttpClient http_;
  HostLimiter limiter_;
  HostLimiter store_backlog_;  ///< documents parsed or awaiting storage without a host slot
  WorkerPool cpu_{2};
  StorageOwner storage_;
  PollContext context_;
  Scheduler scheduler_;
  FullTextWorker full_text_;
  Housekeeper housekeeper_;
  WebSite web_;
  ServiceReporter service_;
  TaskGroup loops_;
  asio::signal_set signals_;
  asio::steady_timer grace_;
  bool failed_ = false;
};

}  // namespace

int run_daemon(const DaemonOptions& options) {
  auto loaded = load_config(options.config_path);
  if (!loaded.ok()) {
    for (const auto& problem : loaded.problems) spdlog::error("{}", problem.to_string());
    spdlog::critical("{}: {} problem(s); not starting", options.config_path.string(), loaded.problems.size());
    return 1;
  }
  auto level = parse_log_level(choose_log_level(options.log_level, loaded.config.daemon.log_level));
  if (level) spdlog::set_level(*level);
  try {
    Daemon daemon(std::move(loaded.config), options.config_path);
    return daemon.run();
  } catch (const std::exception& error) {
    spdlog::critical("{}", error.what());
    return 1;
  }
}

}  // namespace feedd
