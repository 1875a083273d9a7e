#pragma once
/// JSON Feed 1.1 output of a merged feed, with the `_feedd` extension of interfaces.md.

#include <string>

#include "feeds/write/merged_feed.hpp"

namespace feeds {

/// Writes the merged feed as JSON Feed 1.1. Each item carries id, url, title, content_html,
/// summary, date_published, date_modified, authors, tags and attachments (absent values are
/// left out, as the spec allows), plus `"_feedd": {"sources": [{"feed_title", "feed_url",
/// "url", "date_published"}, ...], "full_text": bool}` with every source, primary first, all
/// four keys always present (null when unknown). Strings pass through xml_safe too, so the
/// same story reads the same in every output format.
std::string write_json_feed(const MergedFeed& feed);

}  // namespace feeds
