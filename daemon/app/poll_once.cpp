#include "daemon/app/poll_once.hpp"

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
    report = co_await refresh_feed(feed.id, pass.context);
  } catch (const std::exception& error) {
    // A storage failure of one feed is reported with the others; the pass goes on.
    report.failed = true;
    report.error = error.what();
  }
  count(pass, std::move(report));
}

}  // namespace

asio::awaitable<PollSummary> poll_feeds_once(const std::vector<FeedRef>& feeds, PollContext& context,
                                             int full_text_concurrency, PollProgress progress) {
  PollPass pass{context, PollSummary{}, std::move(progress)};
  pass.summary.feeds = static_cast<int>(feeds.size());
  TaskGroup group(co_await asio::this_coro::executor, "poll");
  for (const auto& feed : feeds) group.spawn(poll_one(feed, pass));
  co_await group.wait();
  if (context.full_text) pass.summary.full_text = co_await drain_full_text_queue(context, full_text_concurrency);
  co_return std::move(pass.summary);
}

}  // namespace feedd
