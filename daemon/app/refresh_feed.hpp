#pragma once
/// Refreshing one feed, the orchestrator of the daemon: fetch → parse → store → schedule.

#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "daemon/app/poll_context.hpp"
#include "daemon/scheduler/scheduler.hpp"

namespace feedd {

/// What one refresh did, for the scheduler, `feedd poll`'s summary and the logs.
struct RefreshReport {
  FeedId feed_id = 0;
  std::string url;
  RefreshResult schedule;       ///< outcome and stats for the scheduler
  bool failed = false;
  std::string error;            ///< one line, when failed
  int new_items = 0;
  int updated_items = 0;
  std::vector<ItemId> full_text_items;
  std::optional<std::string> adopted_url;  ///< a permanent redirect moved the feed
};

/// Fetches the feed conditionally, parses it on the worker pool and stores the outcome (items
/// and the feed's new state in one transaction, or the failure), with the next poll planned.
/// Transport, HTTP and parse failures are reported, not thrown; storage errors throw.
/// `fetch_permit`, when given, is the caller's host permit: it is released as soon as the
/// exchange ends in a 304 or a transport/HTTP failure, whose bookkeeping then waits for the
/// storage thread without holding the host's slot; a fetched document releases it once it has
/// a slot in context.store_backlog (when there is one), which bounds the documents in memory,
/// before it is parsed; a web page keeps it until stored, as it may lead to a second fetch.
/// `known`, when given, is the feed's stored record read beforehand (a poll pass reads all of
/// them in one query), else it is read here.
boost::asio::awaitable<RefreshReport> refresh_feed(FeedId feed_id, PollContext& context,
                                                   HostLimiter::Permit* fetch_permit = nullptr,
                                                   const FeedRecord* known = nullptr);

}  // namespace feedd
