#pragma once
/// Feed autodiscovery: the feeds a web page advertises with <link rel="alternate">, for a user
/// who gave the address of a site instead of its feed.

#include <string>
#include <string_view>
#include <vector>

namespace feeds {

struct DiscoveredFeed {
  std::string url;    ///< absolute
  std::string type;   ///< application/rss+xml, application/atom+xml, application/feed+json, ...
  std::string title;  ///< the link's title attribute, may be empty
};

/// The feeds `page` (HTML bytes in any charset) links to with rel="alternate" (or "feed") and a
/// feed media type, in document order, duplicates removed, URLs resolved against `page_url`
/// (and the page's <base href>). Only http(s) URLs.
std::vector<DiscoveredFeed> discover_feeds(std::string_view page, std::string_view page_url,
                                           std::string_view content_type = {});

/// True when the bytes look like an HTML page rather than a feed (a doctype or an <html> tag
/// near the start).
bool looks_like_html_page(std::string_view bytes);

}  // namespace feeds
