#include "feeds/parse/utf8_text.hpp"

#include <array>
#include <cstdint>

#include "feeds/html/byte_runs.hpp"

namespace feeds::utf8 {
namespace {

constexpr char32_t replacement = 0xFFFD;

// WHATWG encoding standard, index-windows-1252 for 0x80-0x9F; undefined bytes map to themselves.
constexpr std::array<char32_t, 32> windows1252_high = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

struct Decoded {
  char32_t code_point;
  std::size_t length;  ///< bytes consumed; 0 = ill-formed (skip one byte)
};

// RFC 3629 §4 well-formed byte sequences.
Decoded decode_one(const unsigned char* p, std::size_t available) {
  unsigned lead = p[0];
  if (lead < 0x80) return {lead, 1};
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  if (lead < 0xC2 || lead > 0xF4 || available < length) return {0, 0};
  unsigned low = 0x80, high = 0xBF;
  if (lead == 0xE0) low = 0xA0;
  if (lead == 0xED) high = 0x9F;
  if (lead == 0xF0) low = 0x90;
  if (lead == 0xF4) high = 0x8F;
  if (p[1] < low || p[1] > high) return {0, 0};
  char32_t code_point = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
  for (std::size_t i = 1; i < length; ++i) {
    if (i > 1 && (p[i] & 0xC0) != 0x80) return {0, 0};
    code_point = (code_point << 6) | (p[i] & 0x3F);
  }
  return {code_point, length};
}

bool is_c1(char32_t code_point) { return code_point >= 0x80 && code_point <= 0x9F; }

}  // namespace

void append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool is_xml_char(char32_t c) {
  if (c < 0x20) return c == 0x09 || c == 0x0A || c == 0x0D;
  if (c < 0xD800) return true;
  if (c < 0xE000) return false;
  if (c < 0x10000) return c != 0xFFFE && c != 0xFFFF;
  return c <= 0x10FFFF;
}

char32_t windows1252_c1(unsigned byte) {
  if (byte < 0x80 || byte > 0x9F) return byte;
  return windows1252_high[byte - 0x80];
}

Scan scan(std::string_view bytes) {
  Scan result;
  auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t size = bytes.size(), i = 0;
  // Printable ASCII, tab, LF and CR: XML characters, nothing to decode or clean. The 8-byte
  // test it replaces stopped at every line break.
  static constexpr detail::RunStops plain{
      {0x7F, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F}, {'\t', '\n', '\r'}, true};
  while (i < size) {
    i += detail::run_length<plain>(bytes.substr(i));
    if (i == size) break;
    Decoded d = decode_one(p + i, size - i);
    if (d.length == 0) {
      result.valid = false;
      return result;
    }
    if (!is_xml_char(d.code_point) || is_c1(d.code_point)) result.clean = false;
    i += d.length;
  }
  return result;
}

Cleaned clean_text(std::string_view bytes) {
  Cleaned result;
  result.text.reserve(bytes.size());
  auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t size = bytes.size(), i = 0;
  while (i < size) {
    Decoded d = decode_one(p + i, size - i);
    if (d.length == 0) {
      append(result.text, replacement);
      ++result.invalid;
      ++i;
      continue;
    }
    i += d.length;
    char32_t c = is_c1(d.code_point) ? windows1252_c1(d.code_point) : d.code_point;
    if (!is_xml_char(c)) {
      ++result.removed;
      continue;
    }
    append(result.text, c);
  }
  return result;
}

}  // namespace feeds::utf8
