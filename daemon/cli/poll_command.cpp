#include "daemon/cli/poll_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <random>
#include <unordered_map>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <spdlog/spdlog.h>

#include "daemon/app/daemon_setup.hpp"
#include "daemon/app/poll_once.hpp"
#include "daemon/cli/poll_targets.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;

/// Progress: a bar rewritten in place on a terminal, one line per feed otherwise.
PollProgress progress_printer() {
  bool tty = isatty(STDERR_FILENO) == 1;
  return [tty](int done, int total, const RefreshReport& report) {
    if (tty) {
      std::fprintf(stderr, "\r[%d/%d] %-60.60s", done, total, report.url.c_str());
      if (done == total) std::fprintf(stderr, "\r%*s\r", 75, "");
      return;
    }
    if (report.failed) {
      std::cout << "error " << report.url << ": " << report.error << "\n";
    } else if (report.schedule.outcome.kind == PollOutcome::Kind::not_modified) {
      std::cout << "304   " << report.url << "\n";
    } else {
      std::cout << "ok    " << report.url << " (" << report.new_items << " new, " << report.updated_items
                << " updated)\n";
    }
  };
}

void print_summary(const PollSummary& summary, bool full_text) {
  std::cout << "polled " << summary.feeds << " feeds: " << summary.ok << " ok, " << summary.not_modified
            << " not modified, " << summary.failed << " failed; " << summary.new_items << " new items, "
            << summary.updated_items << " updated";
  if (full_text) std::cout << "; full text: " << summary.full_text.done << " extracted, " << summary.full_text.failed << " failed";
  std::cout << "\n";
  for (const auto& failure : summary.failures) std::cerr << "feedd poll: " << failure.url << ": " << failure.error << "\n";
}

/// The feeds to poll, stored: the named URLs (added, others untouched) or the configured ones.
std::vector<FeedRef> prepare_feeds(Store& store, const Config& config, const std::vector<std::string>& named) {
  auto now = SystemClock{}.now();
  std::vector<Subscription> subscriptions;
  if (named.empty()) {
    subscriptions = subscriptions_of(config.feeds);
  } else {
    for (const auto& url : named) subscriptions.push_back(Subscription{url, std::nullopt, {}});
  }
  auto ids = named.empty() ? store.sync_feeds(subscriptions, now) : store.add_feeds(subscriptions, now);
  // One query for every feed's state instead of one storage round trip per feed.
  std::unordered_map<FeedId, FeedRecord> records;
  for (auto& record : store.list_feeds()) records.emplace(record.id, std::move(record));
  std::vector<FeedRef> feeds;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto found = records.find(ids[i]);
    feeds.push_back(FeedRef{ids[i], subscriptions[i].url, std::nullopt});
    if (found != records.end()) feeds.back().record = std::move(found->second);
  }
  return feeds;
}

struct PollRun {
  Config config;
  std::vector<std::string> named_urls;
  bool full_text = true;
};

int run_poll(const PollRun& run) {
  auto store = open_store(run.config.daemon.database, run.config.dedup, StartupCheck::when_needed);
  auto feeds = prepare_feeds(*store, run.config, run.named_urls);
  // A first poll is a bulk load; the index is built when the store closes.
  if (store->defer_date_index_if_empty())
    spdlog::debug("empty database: items_by_date is built after this poll");
  asio::io_context io;
  auto http_options = http_client_options(run.config);
  http_options.allowed_addresses = endpoints_of_named_hosts(run.named_urls);
  HttpClient http(io.get_executor(), http_options);
  HostLimiter limiter(run.config.poll.concurrency, run.config.poll.per_host);
  WorkerPool cpu(2);
  StorageOwner storage(std::move(store));
  SystemClock clock;
  FeedDirectory directory(run.config);
  auto site_rules = load_configured_site_rules(run.config);
  std::mt19937_64 random{std::random_device{}()};
  PollContext context{.http = http,
                      .limiter = limiter,
                      .cpu = cpu,
                      .storage = storage,
                      .clock = clock,
                      .feeds = directory,
                      .site_rules = site_rules ? &site_rules->rules : nullptr,
                      .jitter = [&random] { return std::uniform_real_distribution<double>(0, 1)(random); },
                      .full_text = run.full_text};
  context.story_policy = story_policy(run.config.dedup);
  const int backlog = document_backlog(run.config.poll.per_host);
  HostLimiter store_backlog(backlog, backlog);
  context.store_backlog = &store_backlog;
  std::optional<PollSummary> summary;
  std::exception_ptr failure;
  asio::co_spawn(io, poll_feeds_once(feeds, context, run.config.fulltext.concurrency, progress_printer()),
                 [&](std::exception_ptr error, PollSummary result) {
                   failure = error;
                   if (!error) summary = std::move(result);
                 });
  io.run();
  if (failure) std::rethrow_exception(failure);
  print_summary(*summary, run.full_text);
  return summary->failed == 0 ? 0 : 1;
}

}  // namespace

int run_poll_command(const PollCommandOptions& options) {
  auto loaded = load_command_config(options.config_path, "poll");
  if (!loaded.ok) return 1;
  auto* config = &loaded.config;
  auto named = read_command_urls(options.feeds, options.urls_file);
  if (!named) return 1;
  if (!options.database.empty()) config->daemon.database = options.database;
  if (named->empty() && config->feeds.empty()) {
    std::cerr << "feedd poll: no feeds: name them with --feed/--urls or in the config's [[feed]] tables\n";
    return 1;
  }
  PollRun run{std::move(*config), std::move(*named), !options.no_full_text};
  run.full_text = run.full_text && run.config.fulltext.enabled;
  try {
    return run_poll(run);
  } catch (const std::exception& error) {
    std::cerr << "feedd poll: " << error.what() << "\n";
    return 1;
  }
}

}  // namespace feedd
