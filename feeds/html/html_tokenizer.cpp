#include "feeds/html/html_tokenizer.hpp"
#include "feeds/parse/utf8_text.hpp"

#include <optional>

#include "feeds/html/byte_runs.hpp"
#include "feeds/html/text.hpp"

namespace feeds::detail {
namespace {

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_tag_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n';
}

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Characters of tag and attribute names we accept; the tokenizer would take more, but
/// those are parse errors in real HTML and not worth the risk.
bool is_name_char(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || c == '-' || c == ':' || c == '_' || c == '.';
}

/// Code points gumbo passes through unchanged: no controls but tab and newline (CR and NUL
/// are rewritten, the others become U+FFFD), no surrogates, no noncharacters.
bool is_ordinary_code_point(char32_t c) {
  if (c < 0x20) {
    return c == '\t' || c == '\n';
  }
  if ((c >= 0x7F && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
    return false;
  }
  return !(c >= 0xFDD0 && c <= 0xFDEF) && (c & 0xFFFE) != 0xFFFE;
}

/// Length of the ordinary UTF-8 character at the start of `text`, 0 when it is not one.
std::size_t ordinary_char_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char first = byte(0);
  if (first < 0x80) {
    return is_ordinary_code_point(first) ? 1 : 0;
  }
  const std::size_t length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC2 ? 2 : 0;
  if (length == 0 || first > 0xF4 || text.size() < length) {
    return 0;
  }
  char32_t code_point = first & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) {
      return 0;
    }
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  const char32_t minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
  return code_point >= minimum && is_ordinary_code_point(code_point) ? length : 0;
}


/// The code point of the digits of `&#...;` (hex when `hex`), nullopt when it is not ordinary.
/// Few digits only: gumbo's accumulator is an int.
std::optional<char32_t> numeric_reference_value(std::string_view digits, bool hex) {
  if (digits.empty() || digits.size() > (hex ? 6u : 7u)) {
    return std::nullopt;
  }
  char32_t value = 0;
  for (const char c : digits) {
    const char lower = lower_ascii(c);
    const bool hex_letter = hex && lower >= 'a' && lower <= 'f';
    if (!is_ascii_digit(c) && !hex_letter) {
      return std::nullopt;
    }
    value = value * (hex ? 16 : 10) +
            static_cast<char32_t>(hex_letter ? lower - 'a' + 10 : c - '0');
  }
  // Below 0x20 too: gumbo rewrites some, and a newline right after <pre> would be eaten.
  return value >= 0x20 && is_ordinary_code_point(value) ? std::optional<char32_t>(value)
                                                        : std::nullopt;
}

}  // namespace

void PlainHtmlTokenizer::next(HtmlToken& token) {
  token.count_ = 0;
  token.self_closing = false;
  if (position_ >= html_.size()) {
    token.kind = TokenKind::end_of_input;
    return;
  }
  if (html_[position_] == '<') {
    token.kind = read_tag(token) ? token.kind : TokenKind::unsupported;
    return;
  }
  token.kind = read_text(token) ? TokenKind::text : TokenKind::unsupported;
}

bool PlainHtmlTokenizer::read_text(HtmlToken& token) {
  const std::size_t start = position_;
  if (!skip_characters('<')) {
    return false;
  }
  if (position_ == html_.size() || html_[position_] == '<') {
    token.text = html_.substr(start, position_ - start);  // the common case: nothing to decode
    return true;
  }
  token.decoded_.assign(html_.substr(start, position_ - start));
  while (position_ < html_.size() && html_[position_] != '<') {
    const std::size_t run = position_;
    if (html_[position_] == '&' ? !read_reference(token.decoded_, false)
                                : !skip_characters('<')) {
      return false;
    }
    if (html_[run] != '&') {
      token.decoded_.append(html_.substr(run, position_ - run));
    }
  }
  token.text = token.decoded_;
  return true;
}

/// Skips ordinary characters up to the next '<', '&' or `stop` (or the end); false at a
/// character that is not ordinary.
bool PlainHtmlTokenizer::skip_characters(char stop) {
  const auto stop_byte = static_cast<unsigned char>(stop);
  // Printable ASCII, tab and LF, but not '<', '&' or a quote (`stop` is '<' or a quote): most
  // text is long runs of them. A quote that is not `stop` is ordinary, taken below.
  static constexpr RunStops plain{{'<', '&', '"', '\'', '<', '<'}, {'\t', '\n', '\n'}, true};
  while (position_ < html_.size()) {
    position_ += run_length<plain>(html_.substr(position_));
    if (position_ >= html_.size()) {
      break;
    }
    const auto c = static_cast<unsigned char>(html_[position_]);
    if (c == '<' || c == '&' || c == stop_byte) {
      return true;
    }
    const std::size_t length = ordinary_char_length(html_.substr(position_));
    if (length == 0) {
      return false;
    }
    position_ += length;
  }
  return true;
}

/// At '&': appends the decoded reference, or a literal '&' where the tokenizer sees none.
bool PlainHtmlTokenizer::read_reference(std::string& out, bool in_attribute) {
  const std::size_t start = ++position_;
  if (start == html_.size() || is_tag_whitespace(html_[start]) ||
      (!in_attribute && (html_[start] == '<' || html_[start] == '&'))) {
    out.push_back('&');
    return true;
  }
  const std::size_t semicolon = html_.find(';', start);
  if (semicolon == std::string_view::npos || semicolon - start > 40) {
    return false;
  }
  const std::string_view body = html_.substr(start, semicolon - start);
  position_ = semicolon + 1;
  if (body.starts_with('#')) {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::optional<char32_t> value = numeric_reference_value(body.substr(hex ? 2 : 1), hex);
    if (value) {
      utf8::append(out, *value);
    }
    return value.has_value();
  }
  for (const char c : body) {
    if (!is_ascii_alpha(c) && !is_ascii_digit(c)) {
      return false;
    }
  }
  // The tokenizer takes the longest name in the table; with the ';' in place that is `body;`.
  const std::optional<std::string_view> decoded = lookup_html_entity(body);
  if (decoded) {
    out.append(*decoded);
  }
  return decoded.has_value();
}

std::string_view PlainHtmlTokenizer::read_name() {
  const std::size_t start = position_;
  while (position_ < html_.size() && is_name_char(html_[position_])) {
    ++position_;
  }
  return html_.substr(start, position_ - start);
}

void PlainHtmlTokenizer::skip_whitespace() {
  while (position_ < html_.size() && is_tag_whitespace(html_[position_])) {
    ++position_;
  }
}

bool PlainHtmlTokenizer::read_tag(HtmlToken& token) {
  const bool end_tag = position_ + 1 < html_.size() && html_[position_ + 1] == '/';
  position_ += end_tag ? 2 : 1;
  if (position_ >= html_.size() || !is_ascii_alpha(html_[position_])) {
    return false;
  }
  const std::string_view name = read_name();
  token.name.assign(name);
  for (char& c : token.name) {
    c = lower_ascii(c);
  }
  token.kind = end_tag ? TokenKind::end_tag : TokenKind::start_tag;
  if (end_tag) {
    skip_whitespace();
    return position_ < html_.size() && html_[position_++] == '>';
  }
  return read_attributes(token);
}

bool PlainHtmlTokenizer::read_attributes(HtmlToken& token) {
  while (true) {
    const std::size_t before_whitespace = position_;
    skip_whitespace();
    if (position_ >= html_.size()) {
      return false;
    }
    if (html_[position_] == '>' || html_.substr(position_, 2) == "/>") {
      token.self_closing = html_[position_] == '/';
      position_ += token.self_closing ? 2 : 1;
      return true;
    }
    // Attributes are separated by whitespace ("a=1b=2" is a parse error); names are plain.
    if (position_ == before_whitespace || !is_ascii_alpha(html_[position_])) {
      return false;
    }
    if (token.count_ == token.attributes_.size()) {
      token.attributes_.emplace_back();
    }
    TagAttribute& attribute = token.attributes_[token.count_];
    attribute.name.assign(read_name());
    for (char& c : attribute.name) {
      c = lower_ascii(c);
    }
    for (std::size_t i = 0; i < token.count_; ++i) {
      if (token.attributes_[i].name == attribute.name) {
        return false;  // the tree builder keeps the first; not worth replicating
      }
    }
    ++token.count_;
    attribute.value.clear();
    const std::size_t after_name = position_;
    skip_whitespace();
    if (position_ >= html_.size() || html_[position_] != '=') {
      position_ = after_name;  // a name without a value; the whitespace separates the next one
      continue;
    }
    ++position_;
    skip_whitespace();
    if (!read_attribute_value(attribute.value)) {
      return false;
    }
  }
}

bool PlainHtmlTokenizer::read_attribute_value(std::string& out) {
  if (position_ >= html_.size()) {
    return false;
  }
  const char quote = html_[position_];
  if (quote == '"' || quote == '\'') {
    ++position_;
    while (true) {
      // '<' is refused in values: the nesting guard in front of gumbo would count it as a tag.
      const std::size_t run = position_;
      if (!skip_characters(quote) || position_ >= html_.size() || html_[position_] == '<') {
        return false;
      }
      out.append(html_.substr(run, position_ - run));
      if (html_[position_] == quote) {
        ++position_;
        return true;
      }
      if (!read_reference(out, true)) {
        return false;
      }
    }
  }
  const std::size_t start = position_;
  while (position_ < html_.size() && !is_tag_whitespace(html_[position_]) &&
         html_[position_] != '>') {
    const char c = html_[position_];
    if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`') {
      return false;
    }
    if (c == '&') {
      if (!read_reference(out, true)) {
        return false;
      }
      continue;
    }
    const std::size_t length = ordinary_char_length(html_.substr(position_));
    if (length == 0) {
      return false;
    }
    out.append(html_.substr(position_, length));
    position_ += length;
  }
  return position_ > start;
}

bool PlainHtmlTokenizer::skip_raw_text(std::string_view name, std::string_view* content) {
  const std::size_t less_than = html_.find('<', position_);
  if (less_than == std::string_view::npos || html_.substr(less_than, 2) != "</") {
    return false;
  }
  const std::size_t name_start = less_than + 2;
  if (html_.size() < name_start + name.size() + 1 || html_[name_start + name.size()] != '>') {
    return false;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (lower_ascii(html_[name_start + i]) != name[i]) {
      return false;
    }
  }
  if (content != nullptr) {
    *content = html_.substr(position_, less_than - position_);
  }
  position_ = name_start + name.size() + 1;
  return true;
}

}  // namespace feeds::detail
