#pragma once
/// The HTML sanitizer (security.md §1): gumbo HTML5 parse → element/attribute allowlist →
/// serialize from the tree. Output is a fixed point: sanitize(sanitize(h, b), b) == sanitize(h, b).

#include <string>
#include <string_view>
#include <vector>

namespace feeds {

struct SanitizeOptions {
  /// Hosts whose <iframe src> is kept (with sandbox); empty: no iframes at all.
  std::vector<std::string> iframe_hosts = {"www.youtube.com",  "www.youtube-nocookie.com",
                                           "player.vimeo.com", "www.dailymotion.com",
                                           "w.soundcloud.com", "bandcamp.com"};
};

/// The default options, built once: a temporary `SanitizeOptions{}` allocates its host list.
const SanitizeOptions& default_sanitize_options();

/// Sanitizes an HTML fragment; relative URLs are resolved against `base_url` (honouring a
/// <base href> inside the fragment); links get rel="noopener noreferrer nofollow".
std::string sanitize_html(std::string_view html, std::string_view base_url,
                          const SanitizeOptions& options = default_sanitize_options());

/// A sanitized fragment and its plain text.
struct SanitizedHtml {
  std::string html;  ///< sanitize_html(...)
  std::string text;  ///< html_to_text(html)
  /// `text` is also html_to_text of the input: the sanitizer kept every element (set by the
  /// fast path only), so a caller needing both texts computes one.
  bool text_is_input_text = false;
};

/// sanitize_html and html_to_text of its result in one go; for plain HTML both come from a
/// single pass without gumbo.
SanitizedHtml sanitize_html_with_text(std::string_view html, std::string_view base_url,
                                      const SanitizeOptions& options = default_sanitize_options());

namespace detail {

/// sanitize_html without its fast path: gumbo parse, walk, re-sanitize to a fixed point.
std::string sanitize_html_with_gumbo(std::string_view html, std::string_view base_url,
                                     const SanitizeOptions& options = default_sanitize_options());

}  // namespace detail
}  // namespace feeds
