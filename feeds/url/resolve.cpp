#include "feeds/url/resolve.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <utility>

#include <boost/url.hpp>

#include "feeds/url/uri_chars.hpp"

namespace feeds {
namespace {

constexpr std::size_t max_url_length = 64 * 1024;
constexpr std::string_view no_break_space = "\xC2\xA0";

// Schemes that cannot run code in a reader's browser; everything else (javascript:,
// vbscript:, data:, and any scheme we do not know) is dropped from output.
constexpr std::array<std::string_view, 27> safe_schemes{
    "http", "https", "ftp",  "ftps", "mailto", "magnet", "tag",    "urn",  "file",
    "feed", "news",  "nntp", "snews", "tel",   "sms",    "xmpp",   "irc",  "ircs",
    "webcal", "sftp", "ssh", "git",  "svn",    "gopher", "geo",    "rtsp", "mms"};

using uri_chars::http_prefix_length;
using uri_chars::is_alpha;
using uri_chars::is_digit;
using uri_chars::is_hex;

bool is_strippable(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; }

/// Characters RFC 3986 allows somewhere in a URI reference (brackets and '%' need context).
constexpr auto uri_char_table = uri_chars::unreserved_sub_delims_and(":/?#@");

bool is_uri_char(char c) {
  return uri_char_table[static_cast<unsigned char>(c)];
}

bool is_scheme(std::string_view text) {
  return !text.empty() && is_alpha(text[0]) && std::ranges::all_of(text, [](char c) {
    return is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.';
  });
}

/// The scheme before the first ':' when it is one ("javascript"), else empty (relative).
std::string_view scheme_of(std::string_view url) {
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || !is_scheme(url.substr(0, colon))) return {};
  return url.substr(0, colon);
}

/// Trims ASCII whitespace, C0 controls and U+00A0, then drops embedded tab, CR and LF the
/// way browsers do, so "java\tscript:" is seen as "javascript:".
std::string clean_url(std::string_view text) {
  while (!text.empty() && (is_strippable(text.front()) || text.starts_with(no_break_space))) {
    text.remove_prefix(is_strippable(text.front()) ? 1 : no_break_space.size());
  }
  while (!text.empty() && (is_strippable(text.back()) || text.ends_with(no_break_space))) {
    text.remove_suffix(is_strippable(text.back()) ? 1 : no_break_space.size());
  }
  std::string cleaned;
  cleaned.reserve(text.size());
  std::ranges::copy_if(text, std::back_inserter(cleaned),
                       [](char c) { return c != '\t' && c != '\r' && c != '\n'; });
  return cleaned;
}

/// Where the authority starting at `start` ends: at the first '/', '?' or '#', else the end.
/// A loop, not find_first_of("/?#"), which calls memchr on the set for every character.
std::size_t authority_end_from(std::string_view url, std::size_t start) {
  while (start < url.size() && url[start] != '/' && url[start] != '?' && url[start] != '#') ++start;
  return start;
}

/// Where "//authority" lies, so the brackets of an IPv6 literal are left alone.
std::pair<std::size_t, std::size_t> authority_range(std::string_view url) {
  std::size_t start = scheme_of(url).empty() ? 0 : scheme_of(url).size() + 1;
  if (url.substr(start, 2) != "//") return {0, 0};
  start += 2;
  return {start, authority_end_from(url, start)};
}

/// RFC 3986 reg-name characters without percent-escapes: unreserved and sub-delims.
bool is_plain_host_char(char c) {
  return uri_chars::is_unreserved(c) || uri_chars::is_sub_delim(c);
}

/// True for an absolute URL that resolve_cleaned returns as it is: a scheme, nothing to trim,
/// strip or percent-encode, and after "//" a plain host with an optional numeric port (no
/// userinfo or IPv6 literal). Most links in feeds are such URLs, and so are Atom's tag: ids;
/// they skip two copies and Boost's parse.
bool is_plain_absolute_url(std::string_view url) {
  const std::string_view scheme = scheme_of(url);
  if (scheme.empty()) return false;
  std::size_t path_start = scheme.size() + 1;
  if (url.substr(path_start, 2) == "//") {
    const std::size_t authority_start = path_start + 2;
    path_start = authority_end_from(url, authority_start);
    const auto authority = url.substr(authority_start, path_start - authority_start);
    const std::size_t colon = std::min(authority.find(':'), authority.size());
    const auto host = authority.substr(0, colon);
    if (host.empty() || !std::ranges::all_of(host, is_plain_host_char)) return false;
    if (colon < authority.size() && !std::ranges::all_of(authority.substr(colon + 1), is_digit))
      return false;
  }
  // Characters allowed anywhere after the authority: all but '%' and '#', which need context.
  static constexpr auto plain_path_chars = [] {
    auto chars = uri_char_table;
    chars['%'] = chars['#'] = false;
    return chars;
  }();
  bool in_fragment = false;
  for (std::size_t i = path_start; i < url.size(); ++i) {
    const char c = url[i];
    if (plain_path_chars[static_cast<unsigned char>(c)]) continue;
    if (c == '%') {
      if (i + 2 >= url.size() || !is_hex(url[i + 1]) || !is_hex(url[i + 2])) return false;
    } else if (c == '#') {
      if (std::exchange(in_fragment, true)) return false;
    } else if (!is_uri_char(c)) {
      return false;
    }
  }
  return true;
}

/// Percent-encodes what real feeds contain but RFC 3986 forbids: spaces, non-ASCII bytes,
/// '|', '"', a '%' not starting an escape, brackets outside the host, a second '#'.
std::string encode_invalid_chars(std::string_view url) {
  constexpr std::string_view hex_digits = "0123456789ABCDEF";
  const auto [authority_begin, authority_end] = authority_range(url);
  std::string encoded;
  encoded.reserve(url.size());
  bool in_fragment = false;
  for (std::size_t i = 0; i < url.size(); ++i) {
    const char c = url[i];
    bool keep = is_uri_char(c);
    if (c == '%') {
      keep = i + 2 < url.size() && is_hex(url[i + 1]) && is_hex(url[i + 2]);
    } else if (c == '[' || c == ']') {
      keep = i >= authority_begin && i < authority_end;
    } else if (c == '#') {
      keep = !std::exchange(in_fragment, true);
    }
    if (keep) {
      encoded += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      encoded += '%';
      encoded += hex_digits[byte >> 4];
      encoded += hex_digits[byte & 0x0F];
    }
  }
  return encoded;
}

/// RFC 3986 §5.2.4 drops ".." above the root ("../../../g" → "http://a/g"); Boost.URL 1.81
/// keeps them (boostorg/url#808, fixed in later releases).
void drop_dot_dot_above_root(boost::urls::url& url) {
  std::string_view path = url.encoded_path();
  const std::size_t original_size = path.size();
  while (path.starts_with("/../")) path.remove_prefix(3);
  if (path == "/..") path = "/";
  if (path.size() != original_size) url.set_encoded_path(std::string(path));
}

std::optional<std::string> resolve_cleaned(std::string_view base, std::string_view reference) {
  const std::string reference_text = encode_invalid_chars(clean_url(reference));
  const auto parsed_reference = boost::urls::parse_uri_reference(reference_text);
  if (!parsed_reference) return std::nullopt;
  // An absolute reference is kept as written (§7: do not "fix" absolute URLs; Boost's
  // resolve would decode "%41"), without reading the base: most links in feeds are absolute.
  if (parsed_reference->has_scheme()) return reference_text;
  const std::string base_text = encode_invalid_chars(clean_url(base));
  const auto parsed_base = boost::urls::parse_uri(base_text);
  // An empty or relative base cannot anchor anything.
  if (!parsed_base) return reference_text;
  boost::urls::url resolved;
  if (!boost::urls::resolve(*parsed_base, *parsed_reference, resolved)) return std::nullopt;
  drop_dot_dot_above_root(resolved);
  // RFC 3986 §5.2.2 takes the fragment from the reference alone; Boost.URL 1.81 keeps the
  // base's when the reference has none.
  if (!parsed_reference->has_fragment()) resolved.remove_fragment();
  return std::string(resolved.buffer());
}

}  // namespace

std::optional<std::string> resolve_url(std::string_view base, std::string_view reference) {
  if (reference.size() > max_url_length || base.size() > max_url_length) return std::nullopt;
  if (is_plain_absolute_url(reference)) return std::string(reference);
  return detail::resolve_url_with_boost(base, reference);
}

std::optional<std::string> detail::resolve_url_with_boost(std::string_view base,
                                                          std::string_view reference) {
  if (reference.size() > max_url_length || base.size() > max_url_length) return std::nullopt;
  try {
    return resolve_cleaned(base, reference);
  } catch (const std::exception&) {
    // Boost.URL throws only on allocation or size limits; bad input is never our caller's crash.
    return std::nullopt;
  }
}

bool has_safe_scheme(std::string_view url) {
  if (url.size() > max_url_length) return false;
  if (http_prefix_length(url) > 0) return true;
  const std::string cleaned = clean_url(url);
  std::string scheme(scheme_of(cleaned));
  if (scheme.empty()) return true;
  std::ranges::transform(scheme, scheme.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return std::ranges::find(safe_schemes, scheme) != safe_schemes.end();
}

std::optional<std::string> resolve_safe_url(std::string_view base, std::string_view reference) {
  auto resolved = resolve_url(base, reference);
  if (!resolved || !has_safe_scheme(*resolved)) return std::nullopt;
  return resolved;
}

}  // namespace feeds
