#pragma once
/// The dashboard's table of feeds: one row per feed, in the order given (failing first).

#include <string>
#include <vector>

#include "daemon/status/status_snapshot.hpp"

namespace feedd {

/// A `<table>` of the feeds; every text from a feed or an error is escaped, and only http(s)
/// URLs become links.
std::string render_feed_table(const std::vector<FeedStatus>& feeds, TimePoint now);

/// The state cell's text: "ok", "failing" or "disabled".
const char* state_label(FeedState state);

/// The error to show for a feed: the disabled reason or the last error with its kind.
std::string feed_problem(const FeedRecord& feed);

}  // namespace feedd
