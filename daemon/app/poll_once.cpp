#include "daemon/app/poll_once.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/this_coro.hpp>

#include "daemon/runtime/task_group.hpp"

namespace feedd {
namespace {

namespace asio = boost::asio;

struct PollPass {
  PollContext& context;
  PollSummary summary;
  PollProgress progress;
};

void count(PollPass& pass, RefreshReport report) {
  auto& summary = pass.summary;
  if (report.failed) {
    ++summary.failed;
  } else if (report.schedule.outcome.kind == PollOutcome::Kind::not_modified) {
    ++summary.not_modified;
  } else {
    ++summary.ok;
  }
  summary.new_items += report.new_items;
  summary.updated_items += report.updated_items;
  int done = summary.ok + summary.not_modified + summary.failed;
  if (pass.progress) pass.progress(done, summary.feeds, report);
  if (report.failed) summary.failures.push_back(std::move(report));
}

// `feed` refers into the caller's vector, which outlives the pass (see refresh_feed.cpp on
// by-value coroutine parameters).
asio::awaitable<void> poll_one(const FeedRef& feed, PollPass& pass) {
  RefreshReport report;
  report.feed_id = feed.id;
  report.url = feed.url;
  try {
    auto permit = co_await pass.context.limiter.acquire(host_key(feed.url));
    const FeedRecord* known = feed.record ? &*feed.record : nullptr;
    report = co_await refresh_feed(feed.id, pass.context, &permit, known);
  } catch (const std::exception& error) {
    // A storage failure of one feed is reported with the others; the pass goes on.
    report.failed = true;
    report.error = error.what();
  }
  count(pass, std::move(report));
}

// Round robin over hosts, each host's feeds in the given order: any run of consecutive feeds
// mixes hosts, so lanes waiting for one host's slots leave others to the rest.
std::vector<const FeedRef*> interleave_hosts(const std::vector<FeedRef>& feeds) {
  std::vector<std::vector<const FeedRef*>> by_host;
  std::unordered_map<std::string, std::size_t> host_index;
  for (const auto& feed : feeds) {
    auto [slot, added] = host_index.try_emplace(host_key(feed.url), by_host.size());
    if (added) by_host.emplace_back();
    by_host[slot->second].push_back(&feed);
  }
  std::vector<const FeedRef*> order;
  order.reserve(feeds.size());
  for (std::size_t round = 0; order.size() < feeds.size(); ++round)
    for (const auto& host : by_host)
      if (round < host.size()) order.push_back(host[round]);
  return order;
}

// A lane polls one feed after another: a few lanes per fetch slot keep every slot busy
// without a waiting coroutine (and its frame) for each of thousands of feeds.
asio::awaitable<void> poll_lane(const std::vector<const FeedRef*>& order, std::size_t& next, PollPass& pass) {
  while (next < order.size()) co_await poll_one(*order[next++], pass);
}

}  // namespace

asio::awaitable<PollSummary> poll_feeds_once(const std::vector<FeedRef>& feeds, PollContext& context,
                                             int full_text_concurrency, PollProgress progress) {
  PollPass pass{context, PollSummary{}, std::move(progress)};
  pass.summary.feeds = static_cast<int>(feeds.size());
  const auto order = interleave_hosts(feeds);
  std::size_t next = 0;
  const auto lanes = std::min(feeds.size(), static_cast<std::size_t>(4 * context.limiter.max_total()));
  TaskGroup group(co_await asio::this_coro::executor, "poll");
  for (std::size_t lane = 0; lane < lanes; ++lane) group.spawn(poll_lane(order, next, pass));
  co_await group.wait();
  if (context.full_text) pass.summary.full_text = co_await drain_full_text_queue(context, full_text_concurrency);
  co_return std::move(pass.summary);
}

}  // namespace feedd
