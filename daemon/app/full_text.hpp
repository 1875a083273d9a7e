#pragma once
/// Full text: fetching each queued item's page and extracting its article, off the event loop,
/// under the per-host caps; the article or the reason it failed is stored.

#include <boost/asio/awaitable.hpp>

#include "daemon/app/poll_context.hpp"

namespace feedd {

struct FullTextSummary {
  int done = 0;
  int failed = 0;
};

/// Fetches and extracts one queued article and stores the result. A failure keeps the item's
/// summary and is retried later by the queue (Store::store_full_text).
boost::asio::awaitable<bool> extract_full_text(const FullTextJob& job, PollContext& context);

/// Works through the queue with `concurrency` extractions in flight until no job is due; each
/// item is attempted at most once per call (failures wait for their retry time).
boost::asio::awaitable<FullTextSummary> drain_full_text_queue(PollContext& context, int concurrency);

}  // namespace feedd
