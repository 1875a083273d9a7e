#include "feeds/parse/xml_references.hpp"

#include <array>
#include <cstring>

#include "feeds/html/text.hpp"
#include "feeds/parse/utf8_text.hpp"

namespace feeds::xml_references {
namespace {

constexpr std::size_t max_name_length = 40;
constexpr std::size_t max_digits = 10;

struct Builtin {
  std::string_view name;
  std::string_view text;
};
constexpr std::array<Builtin, 5> builtins = {
    Builtin{"lt", "<"}, Builtin{"gt", ">"}, Builtin{"amp", "&"}, Builtin{"quot", "\""},
    Builtin{"apos", "'"}};

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int digit_value(char c, bool hex) {
  if (c >= '0' && c <= '9') return c - '0';
  if (!hex) return -1;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// HTML5 §13.2.5.80 "numeric character reference end state", then XML 1.0 §2.2 Char.
char32_t repair_code_point(unsigned long value) {
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0xFFFD;
  auto c = static_cast<char32_t>(value);
  if (c >= 0x80 && c <= 0x9F) return utf8::windows1252_c1(c);
  return utf8::is_xml_char(c) ? c : 0;
}

std::optional<Reference> read_numeric(std::string_view text) {
  bool hex = text.size() > 2 && (text[2] == 'x' || text[2] == 'X');
  std::size_t pos = hex ? 3 : 2, start = pos;
  unsigned long value = 0;
  for (; pos < text.size() && pos - start < max_digits; ++pos) {
    int digit = digit_value(text[pos], hex);
    if (digit < 0) break;
    value = value * (hex ? 16 : 10) + static_cast<unsigned long>(digit);
  }
  if (pos == start || pos >= text.size() || text[pos] != ';') return std::nullopt;
  Reference ref;
  ref.length = pos + 1;
  ref.numeric = true;
  ref.code_point = repair_code_point(value);
  ref.pugixml_faithful = ref.code_point == value;
  return ref;
}

std::optional<Reference> read_named(std::string_view text) {
  std::size_t pos = 1;
  while (pos < text.size() && pos <= max_name_length && is_alnum(text[pos])) ++pos;
  if (pos == 1 || pos >= text.size() || text[pos] != ';') return std::nullopt;
  std::string_view name = text.substr(1, pos - 1);
  Reference ref;
  ref.length = pos + 1;
  for (const Builtin& builtin : builtins) {
    if (builtin.name == name) {
      ref.text = builtin.text;
      ref.xml_builtin = ref.pugixml_faithful = true;
      return ref;
    }
  }
  auto html = lookup_html_entity(name);
  if (!html) return std::nullopt;
  ref.text = *html;
  return ref;
}

bool is_xml_special(std::string_view text) {
  return text.size() == 1 && std::strchr("&<>\"'", text[0]) != nullptr;
}

void append_for_pugixml(std::string& out, const Reference& ref) {
  if (ref.numeric) {
    if (ref.code_point != 0) utf8::append(out, ref.code_point);
  } else if (is_xml_special(ref.text)) {
    // &QUOT; inside an attribute value must not end it: keep such characters escaped.
    out += "&#" + std::to_string(static_cast<unsigned char>(ref.text[0])) + ";";
  } else {
    out += ref.text;
  }
}

/// Finds CDATA sections and comments lazily, ahead of a position that only moves forward, so
/// the common document (no reference to rewrite) never pays for it.
class SkippedSections {
public:
  explicit SkippedSections(std::string_view document) : document_(document) {}

  bool contains(std::size_t pos) {
    while (pos >= end_) find_next();
    return pos >= start_;
  }

private:
  void find_next() {
    constexpr auto npos = std::string_view::npos;
    std::size_t open = document_.find("<!", end_);
    while (open != npos && document_.substr(open, 9) != "<![CDATA[" &&
           document_.substr(open, 4) != "<!--")
      open = document_.find("<!", open + 2);
    if (open == npos) {
      start_ = end_ = npos;
      return;
    }
    bool cdata = document_[open + 2] == '[';
    std::size_t close = document_.find(cdata ? "]]>" : "-->", open + (cdata ? 9 : 4));
    start_ = open;
    end_ = close == npos ? npos : close + 3;
  }

  std::string_view document_;
  std::size_t start_ = 0;
  std::size_t end_ = 0;
};

/// Length of the predefined entity ("&lt;", "&amp;" …) at the start of `text`, else 0: most
/// references in a feed (escaped HTML), which pugixml decodes as they are.
std::size_t predefined_entity_length(std::string_view text) {
  for (const std::string_view entity : {"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"})
    if (text.starts_with(entity)) return entity.size();
  return 0;
}

}  // namespace

std::optional<Reference> read_reference(std::string_view text) {
  if (text.size() < 3 || text[0] != '&') return std::nullopt;
  return text[1] == '#' ? read_numeric(text) : read_named(text);
}

void append_decoded(std::string& out, std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t amp = text.find('&', pos);
    out.append(text.substr(pos, amp - pos));
    if (amp == std::string_view::npos) return;
    auto ref = read_reference(text.substr(amp));
    if (!ref) {
      out.push_back('&');
      pos = amp + 1;
      continue;
    }
    if (ref->numeric) {
      if (ref->code_point != 0) utf8::append(out, ref->code_point);
    } else {
      out += ref->text;
    }
    pos = amp + ref->length;
  }
}

std::optional<std::string> rewrite_for_pugixml(std::string_view document) {
  std::optional<std::string> out;
  SkippedSections skipped(document);
  std::size_t copied = 0, pos = 0;
  while ((pos = document.find('&', pos)) != std::string_view::npos) {
    if (const auto length = predefined_entity_length(document.substr(pos))) {
      pos += length;
      continue;
    }
    auto ref = read_reference(document.substr(pos));
    if (!ref || ref->pugixml_faithful || skipped.contains(pos)) {
      ++pos;
      continue;
    }
    if (!out) out.emplace().reserve(document.size() + 64);
    out->append(document.substr(copied, pos - copied));
    append_for_pugixml(*out, *ref);
    pos += ref->length;
    copied = pos;
  }
  if (out) out->append(document.substr(copied));
  return out;
}

}  // namespace feeds::xml_references
