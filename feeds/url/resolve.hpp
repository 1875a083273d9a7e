#pragma once
/// URL resolution per RFC 3986 §5 and the scheme allowlist of parse-output.md §7.

#include <optional>
#include <string>
#include <string_view>

namespace feeds {

/// Resolves `reference` against `base`. Strips leading/trailing ASCII whitespace and C0 controls
/// first. An empty base leaves an absolute reference as it is and a relative one unresolved
/// (returned as given). Returns nullopt when the reference cannot be parsed at all.
std::optional<std::string> resolve_url(std::string_view base, std::string_view reference);

/// True when the URL's scheme is one we let into output (http, https, ftp, mailto, magnet, tag,
/// urn, file, feed, ...); false for javascript:, vbscript:, data: and unknown schemes.
/// A relative URL (no scheme) is safe.
bool has_safe_scheme(std::string_view url);

/// resolve_url, then has_safe_scheme: nullopt for an unsafe or unparseable result.
std::optional<std::string> resolve_safe_url(std::string_view base, std::string_view reference);

namespace detail {
/// resolve_url without its shortcut for plain absolute http(s) URLs: every reference goes
/// through Boost.URL. The tests hold the shortcut to giving the same answers.
std::optional<std::string> resolve_url_with_boost(std::string_view base,
                                                  std::string_view reference);
}  // namespace detail

}  // namespace feeds
