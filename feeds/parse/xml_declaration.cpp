#include "feeds/parse/xml_declaration.hpp"

namespace feeds::xml_declaration {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_spaces(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
  return pos;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<EncodingValue> find_encoding(std::string_view text) {
  std::size_t start = skip_spaces(text, 0);
  if (text.substr(start, 5) != "<?xml" || start + 5 >= text.size() || !is_space(text[start + 5]))
    return std::nullopt;
  std::size_t end = text.find("?>", start);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view declaration = text.substr(0, end);
  std::size_t key = declaration.find("encoding", start);
  if (key == std::string_view::npos) return std::nullopt;
  std::size_t pos = skip_spaces(declaration, key + 8);
  if (pos >= declaration.size() || declaration[pos] != '=') return std::nullopt;
  pos = skip_spaces(declaration, pos + 1);
  if (pos >= declaration.size() || (declaration[pos] != '"' && declaration[pos] != '\''))
    return std::nullopt;
  std::size_t close = declaration.find(declaration[pos], pos + 1);
  if (close == std::string_view::npos) return std::nullopt;
  return EncodingValue{pos + 1, close - pos - 1};
}

std::string ascii_prefix(std::string_view bytes, std::size_t unit_width, bool big_endian,
                         std::size_t max_units) {
  std::string out;
  for (std::size_t i = 0; i < max_units && (i + 1) * unit_width <= bytes.size(); ++i) {
    unsigned value = 0;
    for (std::size_t b = 0; b < unit_width; ++b) {
      std::size_t index = i * unit_width + (big_endian ? b : unit_width - 1 - b);
      value = (value << 8) | static_cast<unsigned char>(bytes[index]);
    }
    out.push_back(value < 0x80 ? static_cast<char>(value) : '?');
  }
  return out;
}

namespace {

/// The declared encoding, when it is not UTF-8.
std::optional<EncodingValue> other_encoding(std::string_view text) {
  auto value = find_encoding(text);
  if (value && equals_ignoring_case(text.substr(value->offset, value->length), "utf-8"))
    return std::nullopt;
  return value;
}

}  // namespace

bool declares_other_than_utf8(std::string_view text) {
  return other_encoding(text).has_value();
}

void rewrite_encoding_to_utf8(std::string& text) {
  if (auto value = other_encoding(text)) text.replace(value->offset, value->length, "utf-8");
}

}  // namespace feeds::xml_declaration
