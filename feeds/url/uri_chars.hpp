#pragma once
/// RFC 3986 character classes and the http(s) prefix, shared by resolution and the canonical
/// key (internal to feeds/url).

#include <cstddef>
#include <string_view>

namespace feeds::uri_chars {

inline bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_hex(char c) {
  return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/// ALPHA / DIGIT / "-" / "." / "_" / "~"
inline bool is_unreserved(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/// "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="
inline bool is_sub_delim(char c) {
  return std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos;
}

/// The length of a lower-case "http://" or "https://" that `url` starts with, else 0.
inline std::size_t http_prefix_length(std::string_view url) {
  if (url.starts_with("http://")) return 7;
  if (url.starts_with("https://")) return 8;
  return 0;
}

}  // namespace feeds::uri_chars
