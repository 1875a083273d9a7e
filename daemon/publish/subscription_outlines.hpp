#pragma once
/// The subscriptions as OPML outlines (feeds/write/opml_writer.hpp), for `/opml` and
/// `feedd opml export`. Pure.

#include <vector>

#include "daemon/config/config.hpp"
#include "daemon/storage/records.hpp"
#include "feeds/write/opml_writer.hpp"

namespace feedd {

/// One outline per configured feed, in config order, with the config's tags. What the database
/// knows fills the rest: the URL polled now (a permanent redirect moved it; sync_feeds still
/// matches it), the feed's own title when the config sets none, and its site as htmlUrl.
/// `stored` may be empty (no database yet).
std::vector<feeds::OpmlOutline> subscription_outlines(const std::vector<FeedConfig>& feeds,
                                                      const std::vector<FeedRecord>& stored);

}  // namespace feedd
