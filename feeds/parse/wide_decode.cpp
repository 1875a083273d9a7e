// UTF-16 and UTF-32 decoding for charset_convert.cpp. Written by hand rather than with iconv so
// that a lone surrogate or a truncated final unit becomes U+FFFD instead of failing the whole
// document (security.md row 28: never reject a whole feed for a few bad bytes).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/parse/utf8_text.hpp"

namespace feeds::charset {
namespace {

constexpr char32_t replacement = 0xFFFD;

std::uint32_t read_unit(const unsigned char* p, std::size_t width, bool big_endian) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    std::size_t index = big_endian ? i : width - 1 - i;
    value = (value << 8) | p[index];
  }
  return value;
}

std::string decode_utf16(std::string_view bytes, bool big_endian) {
  auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t units = bytes.size() / 2;
  std::string out;
  out.reserve(units + units / 2);
  for (std::size_t i = 0; i < units; ++i) {
    char32_t unit = read_unit(p + 2 * i, 2, big_endian);
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < units) {
      char32_t low = read_unit(p + 2 * (i + 1), 2, big_endian);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        utf8::append(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        ++i;
        continue;
      }
    }
    bool surrogate = unit >= 0xD800 && unit <= 0xDFFF;
    utf8::append(out, surrogate ? replacement : unit);
  }
  if (bytes.size() % 2 != 0) utf8::append(out, replacement);
  return out;
}

std::string decode_utf32(std::string_view bytes, bool big_endian) {
  auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t units = bytes.size() / 4;
  std::string out;
  out.reserve(units + units / 2);
  for (std::size_t i = 0; i < units; ++i) {
    char32_t unit = read_unit(p + 4 * i, 4, big_endian);
    bool valid = unit <= 0x10FFFF && !(unit >= 0xD800 && unit <= 0xDFFF);
    utf8::append(out, valid ? unit : replacement);
  }
  if (bytes.size() % 4 != 0) utf8::append(out, replacement);
  return out;
}

}  // namespace

std::optional<std::string> decode_wide(std::string_view bytes, std::string_view decoder) {
  bool big_endian = decoder.ends_with("be");
  if (decoder.starts_with("utf-16")) return decode_utf16(bytes, big_endian);
  return decode_utf32(bytes, big_endian);
}

}  // namespace feeds::charset
