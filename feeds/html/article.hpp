#pragma once
/// The article extracted from a web page: what `extract_article` returns.

#include <optional>
#include <string>

#include "feeds/model/feed.hpp"

namespace feeds {

/// Which signal produced an article's content.
enum class ExtractMethod {
  site_rule,     ///< the site's rule file named the body (ftr-site-config `body:`)
  selector,      ///< the feed's content_selector matched
  readability,   ///< Readability-style candidate scoring
  item_prop,     ///< the element marked itemprop="articleBody"
  json_ld,       ///< the articleBody text of the page's JSON-LD Article
};

/// Short lower-case name of a method, for JSON and logs ("readability").
const char* to_string(ExtractMethod method) noexcept;

struct Article {
  std::string title;
  std::string byline;                 ///< author name(s); empty when unknown
  std::optional<TimePoint> published;
  std::string lead_image_url;         ///< absolute; empty when none
  std::string site_name;
  std::string canonical_url;          ///< <link rel=canonical>, og:url, else the page URL
  std::string language;               ///< BCP 47 tag as the page states it ("en", "pt-BR")
  std::string excerpt;                ///< plain text
  std::string content_html;           ///< sanitized, absolute URLs; empty if not requested
  /// Plain text: block elements on their own lines, paragraphs separated by a blank line.
  std::string content_text;
  ExtractMethod method = ExtractMethod::readability;
  /// 0..1: how much the content looks like an article (length, paragraphs, link density).
  double quality = 0;
  std::string next_page_link;         ///< absolute URL of the article's next page, if any
};

}  // namespace feeds
