#include "feeds/write/xml_safe.hpp"

#include "feeds/parse/utf8_text.hpp"

namespace feeds {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

struct Decoded {
  char32_t code_point = 0;
  std::size_t length = 1;  ///< bytes consumed (the maximal ill-formed subpart when !valid)
  bool valid = false;
};

// RFC 3629 §4 well-formed sequences; the second byte's range excludes overlongs, surrogates
// (ED A0-BF) and code points above U+10FFFF.
Decoded decode_one(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  unsigned lead = byte(0);
  if (lead < 0x80) return {lead, 1, true};
  if (lead < 0xC2 || lead > 0xF4) return {};
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  unsigned low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
  unsigned high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
  char32_t code_point = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
  for (std::size_t i = 1; i < length; ++i) {
    if (at + i >= text.size()) return {0, i, false};
    unsigned next = byte(i);
    if (next < (i == 1 ? low : 0x80) || next > (i == 1 ? high : 0xBF)) return {0, i, false};
    code_point = (code_point << 6) | (next & 0x3F);
  }
  return {code_point, length, true};
}


bool is_plain_ascii(unsigned char byte) {
  return byte >= 0x20 && byte < 0x7F;
}

}  // namespace

std::string xml_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    auto byte = static_cast<unsigned char>(text[at]);
    if (is_plain_ascii(byte) || byte == '\t' || byte == '\n') {
      out.push_back(static_cast<char>(byte));
      ++at;
      continue;
    }
    if (byte == '\r') {
      out.push_back('\n');
      at += (at + 1 < text.size() && text[at + 1] == '\n') ? 2 : 1;
      continue;
    }
    auto decoded = decode_one(text, at);
    if (!decoded.valid)
      out.append(replacement_character);
    else if (utf8::is_xml_char(decoded.code_point))
      out.append(text.substr(at, decoded.length));
    at += decoded.length;
  }
  return out;
}

}  // namespace feeds
