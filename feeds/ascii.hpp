#pragma once
/// ASCII case folding. Names in HTML, XML, HTTP headers, charsets and the config compare
/// case-insensitively in ASCII only, never by locale: one helper for all of them.

#include <string>
#include <string_view>

namespace feeds {

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// A copy of `text` with A-Z lowered; every other byte (UTF-8 included) unchanged.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

/// Equal when lowered as ascii_lower does.
inline bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

}  // namespace feeds
