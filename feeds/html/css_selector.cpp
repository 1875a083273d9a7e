#include "feeds/html/css_selector.hpp"
#include "feeds/ascii.hpp"

#include "feeds/parse/utf8_text.hpp"

#include <exception>
#include <optional>

#include "feeds/html/site_rules_xpath.hpp"

namespace feeds {
namespace {

using namespace std::string_literals;

using MaybeError = std::optional<Error>;

Error css_error(std::size_t position, std::string_view what) {
  return Error{ErrorCode::invalid_argument,
               "css: position "s + std::to_string(position + 1) + ": " + std::string(what)};
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_non_ascii(char c) {
  return static_cast<unsigned char>(c) >= 0x80;
}

bool is_name_char(char c) {
  return is_ascii_alpha(c) || is_digit(c) || c == '-' || c == '_' || is_non_ascii(c);
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

/// An XPath name test must be an NCName, which is stricter than a CSS identifier ("1a", "a\ b").
bool is_xpath_name(std::string_view name) {
  if (name.empty() || !(is_ascii_alpha(name[0]) || name[0] == '_' || is_non_ascii(name[0]))) {
    return false;
  }
  for (char c : name) {
    if (!is_name_char(c) && c != '.') return false;
  }
  return true;
}

/// CSS escapes name any code point; the invalid ones become U+FFFD (CSS Syntax §4.3.7).
void append_utf8(std::string& out, unsigned long code_point) {
  const bool invalid =
      code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF);
  utf8::append(out, invalid ? char32_t{0xFFFD} : static_cast<char32_t>(code_point));
}

void append_predicate(std::string& xpath, std::string_view predicate) {
  xpath.append("[").append(predicate).append("]");
}

/// A recursive-descent reader of the supported CSS subset that writes XPath as it goes.
class CssCompiler {
 public:
  explicit CssCompiler(std::string_view css) : css_(css) {}

  Result<std::string> compile() {
    std::string xpath;
    skip_spaces();
    while (true) {
      if (!xpath.empty()) xpath += " | ";
      if (MaybeError error = compile_complex(xpath)) return *error;
      if (at_end()) return xpath;
      ++pos_;  // compile_complex stops only at the end or at a ','
      skip_spaces();
    }
  }

 private:
  MaybeError compile_complex(std::string& xpath) {
    xpath += "//";
    if (MaybeError error = compile_compound(xpath)) return error;
    while (true) {
      const bool had_space = skip_spaces();
      if (at_end() || peek() == ',') return std::nullopt;
      if (peek() == '+' || peek() == '~') {
        return css_error(pos_, "unsupported combinator '"s + peek() + "'");
      }
      if (peek() == '>') {
        ++pos_;
        skip_spaces();
        xpath += "/";
      } else if (had_space) {
        xpath += "//";
      } else {
        return unexpected_character();
      }
      if (MaybeError error = compile_compound(xpath)) return error;
    }
  }

  MaybeError compile_compound(std::string& xpath) {
    const std::size_t start = pos_;
    if (MaybeError error = compile_type(xpath)) return error;
    while (!at_end()) {
      const char c = peek();
      if (c == '#' || c == '.') {
        ++pos_;
        std::string name;
        if (MaybeError error = read_name(name, c == '#' ? "an id" : "a class name")) return error;
        append_predicate(xpath, c == '#' ? "@id = "s + xpath_string_literal(name)
                                         : xpath_token_predicate("class", name));
      } else if (c == '[') {
        if (MaybeError error = compile_attribute(xpath)) return error;
      } else if (c == ':') {
        return unsupported_pseudo();
      } else {
        break;
      }
    }
    if (pos_ == start)
      return at_end() ? css_error(pos_, "expected a selector") : unexpected_character();
    return std::nullopt;
  }

  MaybeError compile_type(std::string& xpath) {
    const std::size_t start = pos_;
    std::string name = "*";
    if (!at_end() && peek() == '*') {
      ++pos_;
    } else if (!at_end() && (is_name_char(peek()) || peek() == '\\')) {
      name.clear();
      if (MaybeError error = read_name(name, "an element name")) return error;
      name = ascii_lower(std::move(name));
      if (!is_xpath_name(name)) return css_error(start, "element name cannot be used in XPath");
    }
    if (!at_end() && peek() == '|') return css_error(pos_, "unsupported namespace prefix");
    xpath += name;
    return std::nullopt;
  }

  MaybeError compile_attribute(std::string& xpath) {
    const std::size_t open = pos_++;
    skip_spaces();
    if (!at_end() && (peek() == '|' || peek() == '*')) {
      return css_error(pos_, "unsupported namespace prefix");
    }
    const std::size_t name_start = pos_;
    std::string attribute;
    if (MaybeError error = read_name(attribute, "an attribute name")) return error;
    attribute = ascii_lower(std::move(attribute));
    if (!is_xpath_name(attribute)) {
      return css_error(name_start, "attribute name cannot be used in XPath");
    }
    skip_spaces();
    if (at_end()) return css_error(open, "unterminated attribute selector");
    if (peek() == ']') {
      ++pos_;
      append_predicate(xpath, "@"s + attribute);
      return std::nullopt;
    }
    std::string op;
    if (MaybeError error = read_operator(op)) return error;
    skip_spaces();
    std::string value;
    if (MaybeError error = read_value(value)) return error;
    skip_spaces();
    if (at_end()) return css_error(open, "unterminated attribute selector");
    if (is_ascii_alpha(peek())) return css_error(pos_, "unsupported attribute case flag");
    if (peek() != ']') return css_error(pos_, "expected ']'");
    ++pos_;
    append_predicate(xpath, xpath_attribute_predicate(attribute, op, value));
    return std::nullopt;
  }

  MaybeError read_operator(std::string& op) {
    const char c = peek();
    if (c == '=') {
      op = "=";
      ++pos_;
      return std::nullopt;
    }
    const bool two_chars = pos_ + 1 < css_.size() && css_[pos_ + 1] == '=';
    if (two_chars && (c == '~' || c == '|' || c == '^' || c == '$' || c == '*')) {
      op = std::string(css_.substr(pos_, 2));
      pos_ += 2;
      return std::nullopt;
    }
    if (c == '|') return css_error(pos_, "unsupported namespace prefix");
    return css_error(pos_, "expected ']' or an attribute operator (=, ~=, |=, ^=, $=, *=)");
  }

  MaybeError read_value(std::string& value) {
    if (at_end()) return css_error(pos_, "expected an attribute value");
    const char quote = peek();
    if (quote != '"' && quote != '\'') return read_name(value, "an attribute value");
    const std::size_t open = pos_++;
    while (!at_end() && peek() != quote) {
      if (peek() == '\\') {
        if (MaybeError error = read_escape(value)) return error;
      } else {
        value += css_[pos_++];
      }
    }
    if (at_end()) return css_error(open, "unterminated string");
    ++pos_;
    return std::nullopt;
  }

  MaybeError read_name(std::string& name, std::string_view what) {
    const std::size_t start = pos_;
    while (!at_end()) {
      if (is_name_char(peek())) {
        name += css_[pos_++];
      } else if (peek() == '\\') {
        if (MaybeError error = read_escape(name)) return error;
      } else {
        break;
      }
    }
    if (pos_ == start) return css_error(pos_, "expected "s + std::string(what));
    return std::nullopt;
  }

  /// CSS Syntax §4.3.7: a backslash then up to six hex digits (and one optional space), or
  /// any other character taken literally; a backslash before a newline is a line continuation.
  MaybeError read_escape(std::string& out) {
    const std::size_t backslash = pos_++;
    if (at_end()) return css_error(backslash, "unfinished escape");
    if (peek() == '\n') {
      ++pos_;
      return std::nullopt;
    }
    if (!is_hex_digit(peek())) {
      out += css_[pos_++];
      return std::nullopt;
    }
    unsigned long code_point = 0;
    for (int digits = 0; digits < 6 && !at_end() && is_hex_digit(peek()); ++digits) {
      code_point = code_point * 16 + std::stoul(std::string(1, css_[pos_++]), nullptr, 16);
    }
    if (!at_end() && is_space(peek())) ++pos_;
    append_utf8(out, code_point);
    return std::nullopt;
  }

  Error unsupported_pseudo() const {
    std::size_t end = pos_ + 1;
    while (end < css_.size() && (css_[end] == ':' || is_name_char(css_[end]))) ++end;
    return css_error(
        pos_, "unsupported pseudo-class '"s + std::string(css_.substr(pos_, end - pos_)) + "'");
  }

  Error unexpected_character() const { return css_error(pos_, "unexpected '"s + peek() + "'"); }

  bool skip_spaces() {
    const std::size_t start = pos_;
    while (!at_end() && is_space(peek())) ++pos_;
    return pos_ != start;
  }

  bool at_end() const { return pos_ >= css_.size(); }
  char peek() const { return css_[pos_]; }

  std::string_view css_;
  std::size_t pos_ = 0;
};

}  // namespace

bool looks_like_xpath(std::string_view selector) {
  selector = trim_spaces(selector);
  return selector.starts_with('/') || selector.starts_with("./") || selector.starts_with("../") ||
         selector.starts_with('(') || selector.find("[@") != std::string_view::npos;
}

Result<std::string> compile_selector(std::string_view css_or_xpath) {
  if (looks_like_xpath(css_or_xpath)) return validate_xpath(css_or_xpath, XPathKind::nodes);
  try {
    Result<std::string> xpath = CssCompiler(trim_spaces(css_or_xpath)).compile();
    if (!xpath) return xpath;
    // The generator only emits names it has checked, so this catches bugs, not user input.
    if (Result<std::string> valid = validate_xpath(*xpath); !valid) {
      return Error{ErrorCode::invalid_argument,
                   "css: cannot express as XPath ("s + valid.error().message + ")"};
    }
    return xpath;
  } catch (const std::exception& error) {
    return Error{ErrorCode::invalid_argument, "css: "s + error.what()};
  }
}

}  // namespace feeds
