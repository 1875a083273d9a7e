#pragma once
/// Atom 1.0 (RFC 4287) output of a merged feed.

#include <string>

#include "feeds/write/merged_feed.hpp"

namespace feeds {

/// Writes the merged feed as Atom 1.0. Per entry: its own id, alternate link, authors (else
/// the primary source feed's title as author name, since RFC 4287 §4.1.2 requires one),
/// published, updated (else published, else the feed's updated), categories, enclosures,
/// `summary type="text"`, `content type="html"` as escaped text, `<source>` naming the primary
/// source feed and `<link rel="via" href=FEED_URL title=FEED_TITLE>` for every other source.
/// The feed's `updated` is MergedFeed::updated, else the newest entry date, else the epoch.
std::string write_atom(const MergedFeed& feed);

}  // namespace feeds
