#pragma once
/// The feed parser's entry point: bytes + optional base URL + optional Content-Type in,
/// Result<Feed> out. Detects the format and hands off to the format's adapter.

#include <cstddef>
#include <string_view>

#include "feeds/model/feed.hpp"
#include "feeds/result.hpp"

namespace feeds {

struct ParseLimits {
  std::size_t max_bytes = 64u << 20;     ///< larger documents → ErrorCode::too_large
  std::size_t max_items = 50000;         ///< items after this are dropped with a warning
  std::size_t max_title_bytes = 1024;    ///< per-field caps (security.md §2 row 31)
  std::size_t max_url_bytes = 8192;
  std::size_t max_content_bytes = 1u << 20;
};

struct ParseRequest {
  std::string_view bytes;
  std::string_view base_url;        ///< the document's URL after redirects; may be empty
  std::string_view content_type;    ///< the HTTP Content-Type header; may be empty
  ParseLimits limits = {};
};

/// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 into the normalized model of
/// parse-output.md. Malformed input that still yields a feed is returned with bozo set.
Result<Feed> parse_feed(const ParseRequest& request);

}  // namespace feeds
