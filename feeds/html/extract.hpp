#pragma once
/// Full-text extraction: the article of a web page without the menus, share bars, related
/// links, comments and footers around it. Pure: bytes in, Result<Article> out.

#include <cstddef>
#include <string_view>

#include "feeds/html/article.hpp"
#include "feeds/result.hpp"

namespace feeds {

struct SiteRules;  // feeds/html/site_rules.hpp (ftr-site-config rules for one site)

/// One page to extract from.
struct ExtractRequest {
  std::string_view bytes;         ///< the page as fetched, in any charset
  std::string_view url;           ///< the page's address: base for relative links
  std::string_view content_type;  ///< HTTP Content-Type, for its charset; may be empty
  const SiteRules* site_rules = nullptr;  ///< rules for the page's site, if any
  std::string_view content_selector;      ///< per-feed CSS selector or XPath of the body
  std::string_view remove_selector;       ///< per-feed CSS selector or XPath of junk inside it
};

struct ExtractOptions {
  /// Larger pages are refused (too_large) rather than parsed.
  std::size_t max_page_bytes = 10 * 1024 * 1024;
  /// Off when only the text is wanted: skips serializing and sanitizing the content HTML.
  bool produce_html = true;
  /// Content scoring below this quality (0..1) is reported as "no article".
  double min_quality = 0.2;
};

/// Extracts the article. Errors: malformed for empty or binary input and for a page without an
/// article ("extract: no article: ..."; a home page, a login wall), too_large, invalid_argument
/// for a selector that cannot be compiled. Never throws on bad input; time and memory are
/// bounded by the input size (nesting is capped before parsing).
Result<Article> extract_article(const ExtractRequest& request, const ExtractOptions& options = {});

}  // namespace feeds
