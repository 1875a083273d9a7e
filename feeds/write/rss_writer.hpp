#pragma once
/// RSS 2.0 output of a merged feed.

#include <string>

#include "feeds/write/merged_feed.hpp"

namespace feeds {

/// Writes the merged feed as RSS 2.0 with the content and Dublin Core modules. Per item:
/// title (HTML-escaped only when it would otherwise read as markup), link, `guid`
/// (isPermaLink="false" unless the id is an http(s) URL), pubDate (published, else updated; RFC 822
/// with "+0000"), per author `<author>EMAIL (NAME)</author>` when the e-mail is known (RSS 2.0
/// requires one there) else `dc:creator`, categories, enclosures, `description` (the summary,
/// HTML-escaped as RSS readers expect HTML there), `content:encoded` in CDATA, and `<source
/// url=FEED_URL>` for the primary source. The other sources are appended to the content as a footer
/// paragraph (see rss_sources_footer).
std::string write_rss(const MergedFeed& feed);

/// The footer added to content:encoded for a story that arrived through several feeds:
/// `<p>Also in: <a href=...>Feed B</a>, <a href=...>Feed C</a></p>`, each link to the story in
/// that feed (else its site, else the feed), passed through the sanitizer so the content stays
/// a sanitizer fixed point. Empty when there is one source.
std::string rss_sources_footer(const MergedEntry& entry);

/// RFC 822 date as RSS 2.0 wants it: "Tue, 02 Jan 2024 03:04:05 +0000".
std::string format_rfc822(TimePoint time);

}  // namespace feeds
