#pragma once
/// OPML 2.0 export of the subscriptions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace feeds {

/// One subscription as OPML shows it.
struct OpmlOutline {
  std::string title;
  std::string xml_url;
  std::optional<std::string> html_url;
  std::vector<std::string> tags;
};

/// Writes `<opml version="2.0">` with one flat `<outline type="rss" text title xmlUrl
/// htmlUrl category>` per subscription, in the order given. Tags go in the OPML 2.0
/// `category` attribute as comma-separated one-level paths ("/news,/tech") rather than as
/// folder outlines, so a feed with several tags is listed once; ',' and '/' inside a tag,
/// which that syntax cannot hold, are written as '-'. An empty title falls back to the URL
/// (OPML 2.0 requires `text`). daemon/config/opml reads both forms back.
std::string write_opml(const std::vector<OpmlOutline>& outlines, std::string_view title);

}  // namespace feeds
