#pragma once
/// One pass over a set of feeds (what `feedd poll` does): every feed refreshed once under the
/// fetch caps, then the full-text queue drained.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "daemon/app/full_text.hpp"
#include "daemon/app/refresh_feed.hpp"

namespace feedd {

struct PollSummary {
  int feeds = 0;
  int ok = 0;
  int not_modified = 0;
  int failed = 0;
  int new_items = 0;
  int updated_items = 0;
  FullTextSummary full_text;
  std::vector<RefreshReport> failures;
};

/// A feed to poll: its id and URL (the URL picks its host's fetch slot), and its stored record
/// when the caller read them all at once (else each is read when its turn comes).
struct FeedRef {
  FeedId id = 0;
  std::string url;
  std::optional<FeedRecord> record;
};

/// Called after each feed with the number done so far and that feed's report.
using PollProgress = std::function<void(int done, int total, const RefreshReport&)>;

/// Refreshes every feed once (at most [poll] concurrency in flight, per_host per host), then,
/// unless context.full_text is off, extracts the queued articles.
boost::asio::awaitable<PollSummary> poll_feeds_once(const std::vector<FeedRef>& feeds, PollContext& context,
                                                    int full_text_concurrency, PollProgress progress);

}  // namespace feedd
