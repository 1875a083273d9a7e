#pragma once
/// RFC 3986 character classes and the http(s) prefix, shared by resolution and the canonical
/// key (internal to feeds/url).

#include <array>
#include <cstddef>
#include <string_view>

namespace feeds::uri_chars {

constexpr bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_hex(char c) {
  return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/// ALPHA / DIGIT / "-" / "." / "_" / "~"
constexpr bool is_unreserved(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

inline constexpr std::string_view sub_delims = "!$&'()*+,;=";

/// A 256-entry table of `chars`: a lookup per character instead of a memchr over the set,
/// which showed in profiles of parsing (every link and image URL is checked byte by byte).
consteval std::array<bool, 256> char_table(std::string_view chars) {
  std::array<bool, 256> table{};
  for (const char c : chars) table[static_cast<unsigned char>(c)] = true;
  return table;
}

/// A table of the unreserved characters, the sub-delims and `extra`: what a URI component
/// allows unescaped.
consteval std::array<bool, 256> unreserved_sub_delims_and(std::string_view extra) {
  auto table = char_table(sub_delims);
  for (int byte = 0; byte < 256; ++byte)
    table[byte] = table[byte] || is_unreserved(static_cast<char>(byte));
  for (const char c : extra) table[static_cast<unsigned char>(c)] = true;
  return table;
}

/// "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="
inline bool is_sub_delim(char c) {
  static constexpr auto table = char_table(sub_delims);
  return table[static_cast<unsigned char>(c)];
}

/// The length of a lower-case "http://" or "https://" that `url` starts with, else 0.
inline std::size_t http_prefix_length(std::string_view url) {
  if (url.starts_with("http://")) return 7;
  if (url.starts_with("https://")) return 8;
  return 0;
}

}  // namespace feeds::uri_chars
