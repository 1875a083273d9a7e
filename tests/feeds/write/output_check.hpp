#pragma once
// Checks on written feeds shared by the output-safety and feedparser tests.

#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace feeds::test {

/// The first problem in `text`: ill-formed UTF-8 or a code point XML 1.0 forbids. Written
/// independently of xml_safe (decode, then check overlongs and ranges by value).
inline std::optional<std::string> find_illegal_code_point(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || at + length > text.size()) return "bad lead byte at " + std::to_string(at);
    char32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
      auto next = static_cast<unsigned char>(text[at + i]);
      if ((next & 0xC0) != 0x80) return "bad continuation at " + std::to_string(at + i);
      code_point = (code_point << 6) | (next & 0x3F);
    }
    static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < smallest[length]) return "overlong at " + std::to_string(at);
    bool legal = code_point == 0x9 || code_point == 0xA || code_point == 0xD ||
                 (code_point >= 0x20 && code_point <= 0xD7FF) ||
                 (code_point >= 0xE000 && code_point <= 0xFFFD) ||
                 (code_point >= 0x10000 && code_point <= 0x10FFFF);
    if (!legal)
      return "illegal code point " + std::to_string(code_point) + " at " + std::to_string(at);
    at += length;
  }
  return std::nullopt;
}

/// The text of an element as a reader decodes it: all its text and CDATA children joined
/// (a CDATA section split around "]]>" is several children).
inline std::string decoded_text(pugi::xml_node element) {
  std::string text;
  for (auto child : element.children())
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
      text += child.value();
  return text;
}

}  // namespace feeds::test
