#pragma once
/// One feed's status page (`/feeds/{id}`): state, a latency chart of recent fetches, the fetch
/// log, and recent items with their full-text extraction status.

#include <string>

#include "daemon/status/status_snapshot.hpp"

namespace feedd {

/// The whole page; every text from the feed, its items or its errors is escaped.
std::string render_feed_page(const FeedDetail& detail, TimePoint now);

}  // namespace feedd
