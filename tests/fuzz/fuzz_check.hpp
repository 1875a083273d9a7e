#pragma once
/// Helpers shared by the fuzz targets: a check that reports and aborts (so libFuzzer keeps the
/// input as a crash artifact), a strict UTF-8 validator and a browser-style scheme reader.

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace fuzz {

/// Reports a broken property with the offending value, then aborts.
[[noreturn]] inline void fail(const char* property, std::string_view detail) {
  std::fprintf(stderr, "fuzz property violated: %s\n  value: %.*s\n", property,
               static_cast<int>(detail.size() > 2000 ? 2000 : detail.size()), detail.data());
  std::abort();
}

inline void check(bool ok, const char* property, std::string_view detail = {}) {
  if (!ok) fail(property, detail);
}

/// True for well-formed UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF.
inline bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                       : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    char32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return false;
      code = (code << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

/// The scheme a browser would see: leading C0 controls and spaces dropped, tab/CR/LF removed
/// anywhere (WHATWG URL "remove all ASCII tab or newline"), lower-cased; empty when relative.
inline std::string browser_scheme(std::string_view url) {
  std::string cleaned;
  for (char c : url) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (cleaned.empty() && static_cast<unsigned char>(c) <= 0x20) continue;
    cleaned += c;
  }
  std::string scheme;
  for (char c : cleaned) {
    if (c == ':') return scheme;
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    bool later = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!alpha && (scheme.empty() || !later)) return {};
    scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return {};
}

}  // namespace fuzz
