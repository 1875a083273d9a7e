#include "daemon/app/refresh_feed.hpp"

#include <chrono>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/scheduler/redirect_adoption.hpp"
#include "daemon/storage/item_digest.hpp"
#include "feeds/html/autodiscover.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using Kind = PollOutcome::Kind;

/// How a failed fetch counts for scheduling: 410 disables, 429/503 wait for Retry-After.
PollOutcome poll_outcome_of(const FetchError& error) {
  if (error.kind == FetchErrorKind::http_status) {
    if (error.http_status == 410) return {Kind::gone, std::nullopt};
    if (error.http_status == 429 || error.http_status == 503) return {Kind::rate_limited, error.retry_after};
  }
  return {Kind::error, std::nullopt};
}

struct Attempt {
  FeedRecord feed;
  TimePoint started_at;
  HostLimiter::Permit* host_permit = nullptr;  ///< the caller's, when it lets us release it
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  milliseconds elapsed() const {
    return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - started);
  }
};

/// Tells the listeners (metrics, merged-feed caches) what a committed fetch did.
void announce_fetch(PollContext& context, FetchEvent event) {
  if (!context.events) return;
  context.events->fetch_finished(event);
  if (event.new_items > 0 || event.updated_items > 0) context.events->items_changed();
}

RefreshReport report_for(const Attempt& attempt, RefreshResult schedule) {
  RefreshReport report;
  report.feed_id = attempt.feed.id;
  report.url = attempt.feed.url;
  report.schedule = std::move(schedule);
  return report;
}

/// The URL the feed's [[feed]] settings are filed under: the subscribed one, which a permanent
/// redirect or autodiscovery does not change.
const std::string& settings_url(const FeedRecord& feed) {
  return feed.subscribed_url.empty() ? feed.url : feed.subscribed_url;
}

PollPlan plan_for(const PollContext& context, const Attempt& attempt, const FeedPollStats& stats,
                  const PollOutcome& outcome) {
  double jitter = context.jitter ? context.jitter() : 0.5;
  return plan_next_poll(stats, outcome, context.feeds.policy(settings_url(attempt.feed)), context.clock.now(),
                        jitter);
}

// The coroutines here take their parameters by reference: every caller awaits at once, so the
// referenced objects outlive the call (and no lambda crosses into a frame by value, which GCC 12
// miscompiles; see worker_pool.hpp).
asio::awaitable<RefreshReport> store_failure(PollContext& context, const Attempt& attempt,
                                             const std::string& kind, const std::string& detail,
                                             int http_status, const PollOutcome& outcome) {
  auto stats = poll_stats_of(attempt.feed);
  stats.consecutive_errors += 1;
  auto plan = plan_for(context, attempt, stats, outcome);
  FetchFailure failure;
  failure.kind = kind;
  failure.detail = detail;
  failure.http_status = http_status;
  failure.started_at = attempt.started_at;
  failure.fetched_at = context.clock.now();
  failure.duration = attempt.elapsed();
  failure.next_poll_at = plan.at;
  if (outcome.kind == Kind::rate_limited && plan.at) failure.retry_after_until = plan.at;
  failure.disable = outcome.kind == Kind::gone;
  co_await context.storage.write([&attempt, &failure](Store& store) {
    store.record_failure(attempt.feed.id, failure);
    return 0;
  });
  announce_fetch(context, {.feed_id = attempt.feed.id,
                           .outcome = FetchLogOutcome::error,
                           .error_kind = kind,
                           .http_status = http_status,
                           .duration = failure.duration});
  spdlog::warn("feed {}: {} ({})", attempt.feed.url, detail, plan.reason);
  auto report = report_for(attempt, RefreshResult{outcome, stats, std::nullopt});
  report.failed = true;
  report.error = detail;
  co_return report;
}

asio::awaitable<RefreshReport> store_not_modified(PollContext& context, const Attempt& attempt,
                                                  const FetchResponse& response) {
  auto stats = poll_stats_of(attempt.feed);
  stats.consecutive_errors = 0;
  stats.http_max_age = response.max_age;
  stats.http_expires = response.expires;
  PollOutcome outcome{Kind::not_modified, std::nullopt};
  auto plan = plan_for(context, attempt, stats, outcome);
  NotModifiedFetch fetch;
  fetch.started_at = attempt.started_at;
  fetch.fetched_at = context.clock.now();
  fetch.duration = attempt.elapsed();
  fetch.http_max_age = response.max_age;
  fetch.next_poll_at = plan.at;
  co_await context.storage.write([&attempt, &fetch](Store& store) {
    store.record_not_modified(attempt.feed.id, fetch);
    return 0;
  });
  announce_fetch(context, {.feed_id = attempt.feed.id,
                           .outcome = FetchLogOutcome::not_modified,
                           .error_kind = {},
                           .http_status = response.status,
                           .duration = fetch.duration});
  spdlog::debug("feed {}: not modified, next poll {}", attempt.feed.url, plan.reason);
  co_return report_for(attempt, RefreshResult{outcome, stats, std::nullopt});
}

/// The stats a successful document gives the scheduler: its hints and the cache headers.
FeedPollStats stats_after_document(const FeedRecord& feed, const feeds::Feed& document,
                                   const FetchResponse& response) {
  auto stats = poll_stats_of(feed);
  stats.consecutive_errors = 0;
  stats.http_max_age = response.max_age;
  stats.http_expires = response.expires;
  apply_polling_hints(stats, document.hints);
  return stats;
}

/// A 301/308 chain that ended in this valid feed moves the subscription (security.md §2 row 23).
asio::awaitable<std::optional<std::string>> adopt_redirect(PollContext& context, const Attempt& attempt,
                                                           const FetchResponse& response) {
  if (!response.permanently_redirected || response.final_url == attempt.feed.url) co_return std::nullopt;
  RedirectChain chain{attempt.feed.url, {RedirectHop{301, response.final_url}}, true, true, false};
  chain.final_url_taken = co_await context.storage.run(
      [&response](Store& store) { return store.feed_by_url(response.final_url).has_value(); });
  auto adopted = url_to_adopt(chain);
  if (!adopted) co_return std::nullopt;
  bool moved = co_await context.storage.run(
      [&attempt, &adopted](Store& store) { return store.adopt_feed_url(attempt.feed.id, *adopted); });
  if (!moved) co_return std::nullopt;
  spdlog::info("feed {}: permanently redirected, now polled as {}", attempt.feed.url, *adopted);
  co_return adopted;
}

/// A fetched body parsed and, when it is a feed, its items digested: one job on the CPU pool,
/// so a document crosses to a worker and back once.
struct ParsedDocument {
  feeds::Result<feeds::Feed> feed;
  std::vector<ItemDigest> digests;
};

asio::awaitable<ParsedDocument> parse_document(PollContext& context, const FetchResponse& response) {
  auto parse = [&response, &context] {
    ParsedDocument document{feeds::parse_feed(feeds::ParseRequest{response.body, response.final_url,
                                                                  response.content_type, context.parse_limits}),
                            {}};
    if (document.feed) document.digests = digest_items(document.feed.value(), context.story_policy);
    return document;
  };
  co_return co_await context.cpu.run(parse);
}

asio::awaitable<RefreshReport> store_document(PollContext& context, const Attempt& attempt,
                                              FetchResponse& response, ParsedDocument& parsed) {
  auto& document = parsed.feed.value();
  auto stats = stats_after_document(attempt.feed, document, response);
  PollOutcome outcome{Kind::ok, std::nullopt};
  auto plan = plan_for(context, attempt, stats, outcome);
  FetchCommit commit;
  commit.document = std::move(document);
  commit.started_at = attempt.started_at;
  commit.fetched_at = context.clock.now();
  commit.duration = attempt.elapsed();
  commit.http_status = response.status;
  commit.bytes = response.body.size();
  commit.etag = response.etag;
  commit.last_modified = response.last_modified;
  commit.http_max_age = response.max_age;
  commit.next_poll_at = plan.at;
  commit.full_text =
      context.full_text ? context.feeds.settings(settings_url(attempt.feed)).full_text : FullTextMode::never;
  commit.first_fetch_item_limit = context.first_fetch_item_limit;
  commit.digests = std::move(parsed.digests);
  std::string().swap(response.body);  // parsed: only the document waits
  // A page that led to its feed kept the host's slot for the second fetch (refresh_feed).
  HostLimiter::Permit backlog_slot;
  if (attempt.host_permit && *attempt.host_permit && context.store_backlog) {
    backlog_slot = co_await context.store_backlog->acquire("documents");
    attempt.host_permit->release();
  }
  auto result = co_await context.storage.write(
      [&attempt, &commit](Store& store) { return store.commit_fetch(attempt.feed.id, commit); });
  announce_fetch(context, {.feed_id = attempt.feed.id,
                           .outcome = FetchLogOutcome::ok,
                           .error_kind = {},
                           .http_status = response.status,
                           .duration = commit.duration,
                           .new_items = result.new_items,
                           .updated_items = result.updated_items});
  auto report = report_for(attempt, RefreshResult{outcome, stats, std::nullopt});
  report.new_items = result.new_items;
  report.updated_items = result.updated_items;
  report.full_text_items = std::move(result.full_text_items);
  report.adopted_url = co_await adopt_redirect(context, attempt, response);
  report.schedule.adopted_url = report.adopted_url;
  // After COMMIT: the crash test counts these lines against what the database holds.
  spdlog::debug("committed fetch feed={} new={} updated={} ({}); next poll {}", attempt.feed.id, report.new_items,
                report.updated_items, attempt.feed.url, plan.reason);
  co_return report;
}

/// The subscription points at a web page: poll the feed the page advertises instead, adopt its
/// URL and say so (a user gave a site's address, not its feed's).
asio::awaitable<std::optional<RefreshReport>> follow_discovered_feed(PollContext& context, Attempt& attempt,
                                                                     const FetchResponse& page) {
  auto discover = [&page] { return feeds::discover_feeds(page.body, page.final_url, page.content_type); };
  auto discovered = co_await context.cpu.run(discover);
  if (discovered.empty()) co_return std::nullopt;
  const std::string feed_url = discovered.front().url;
  FetchRequest request;
  request.url = feed_url;
  auto fetched = co_await context.http.fetch(std::move(request));
  if (!fetched || fetched->not_modified) co_return std::nullopt;
  auto& response = fetched.value();
  auto parsed = co_await parse_document(context, response);
  if (!parsed.feed) co_return std::nullopt;
  bool adopted = co_await context.storage.run(
      [&attempt, &feed_url](Store& store) { return store.adopt_feed_url(attempt.feed.id, feed_url); });
  spdlog::info("{} is a web page; it links to the feed {}, which is polled from now on{}", attempt.feed.url,
               feed_url, adopted ? "" : " (not adopted: another subscription has that URL)");
  auto report = co_await store_document(context, attempt, response, parsed);
  if (adopted) report.adopted_url = feed_url;
  report.schedule.adopted_url = report.adopted_url;
  co_return report;
}

}  // namespace

asio::awaitable<RefreshReport> refresh_feed(FeedId feed_id, PollContext& context,
                                            HostLimiter::Permit* fetch_permit, const FeedRecord* known) {
  Attempt attempt;
  attempt.host_permit = fetch_permit;
  if (known) {
    attempt.feed = *known;
  } else {
    auto feed = co_await context.storage.run([feed_id](Store& store) { return store.feed_by_id(feed_id); });
    if (!feed) throw std::runtime_error("refresh: no feed with id " + std::to_string(feed_id));
    attempt.feed = std::move(*feed);
  }
  attempt.started_at = context.clock.now();

  FetchRequest request;
  request.url = attempt.feed.url;
  request.etag = attempt.feed.etag;
  request.last_modified = attempt.feed.last_modified;
  auto fetched = co_await context.http.fetch(std::move(request));
  const bool bookkeeping_only = !fetched || fetched->not_modified;
  if (bookkeeping_only && fetch_permit) fetch_permit->release();
  if (!fetched) {
    const auto& error = fetched.error();
    std::string kind = to_string(error.kind);
    std::string detail = describe(error);
    PollOutcome outcome = poll_outcome_of(error);
    co_return co_await store_failure(context, attempt, kind, detail, error.http_status, outcome);
  }
  auto response = std::move(fetched).value();
  if (response.not_modified) co_return co_await store_not_modified(context, attempt, response);

  // Parsing and storing need no connection to the host: its slot goes back once the body has a
  // place in the bounded backlog, which caps the documents held in memory, so the host's next
  // fetch does not wait for the worker pool. A web page keeps the slot: it may lead to its
  // feed, fetched next (follow_discovered_feed).
  const bool web_page = feeds::looks_like_html_page(response.body);
  HostLimiter::Permit backlog_slot;
  if (fetch_permit && context.store_backlog && !web_page) {
    backlog_slot = co_await context.store_backlog->acquire("documents");
    fetch_permit->release();
  }
  auto parsed = co_await parse_document(context, response);
  if (!parsed.feed && parsed.feed.error().code == feeds::ErrorCode::not_a_feed && web_page) {
    if (auto followed = co_await follow_discovered_feed(context, attempt, response)) co_return std::move(*followed);
  }
  if (!parsed.feed) {
    const auto& error = parsed.feed.error();
    std::string kind = feeds::to_string(error.code);
    PollOutcome outcome{Kind::error, std::nullopt};
    co_return co_await store_failure(context, attempt, kind, error.message, response.status, outcome);
  }
  co_return co_await store_document(context, attempt, response, parsed);
}

}  // namespace feedd
