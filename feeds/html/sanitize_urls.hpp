#pragma once
/// URL checks of the sanitizer: resolution against the base, the scheme allowlist, raster
/// data: images, srcset candidates and the iframe host allowlist.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace feeds::detail {

/// Which schemes a URL attribute accepts besides http and https.
enum class UrlPolicy {
  web,   ///< http, https (and relative when there is no base)
  link,  ///< plus mailto
  image  ///< plus data:image/{png,jpeg,gif,webp,avif}
};

/// The resolved URL when `value` is acceptable under `policy`, nullopt otherwise.
std::optional<std::string> sanitize_url(std::string_view value, std::string_view base,
                                        UrlPolicy policy);

/// The srcset with every candidate resolved and checked; candidates that fail are left out,
/// nullopt when none is left.
std::optional<std::string> sanitize_srcset(std::string_view value, std::string_view base);

/// True when `url` is absolute http(s) and its host is one of `hosts` (case-insensitive).
bool has_allowed_host(std::string_view url, const std::vector<std::string>& hosts);

/// True when `url` is an absolute http or https URL (usable as a base).
bool is_web_url(std::string_view url);

}  // namespace feeds::detail
