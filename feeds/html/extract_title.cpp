// The article title from <title> (Readability's _getArticleTitle) and entity unescaping of
// meta values.
#include <string>
#include <vector>

#include "feeds/html/extract_dom.hpp"
#include "feeds/html/extract_metadata.hpp"

namespace feeds::detail {
namespace {

bool is_separator(char c) {
  return c == '|' || c == '-' || c == '\\' || c == '/' || c == '>';
}

/// The byte length of a multi-byte separator at the start of `text`: » (hierarchical), – or —.
std::size_t wide_separator(std::string_view text, bool hierarchical_only) {
  if (text.starts_with("\xC2\xBB")) return 2;
  if (hierarchical_only) return 0;
  return text.starts_with("\xE2\x80\x93") || text.starts_with("\xE2\x80\x94") ? 3 : 0;
}

/// Positions of " X " where X is a title separator (| - – — \ / > or »).
std::vector<std::size_t> separator_positions(std::string_view title, bool hierarchical_only) {
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i + 2 < title.size(); ++i) {
    if (title[i] != ' ') continue;
    const std::string_view rest = title.substr(i + 1);
    std::size_t width = wide_separator(rest, hierarchical_only);
    const bool narrow = is_separator(rest[0]) && (!hierarchical_only || (rest[0] != '|' && rest[0] != '-'));
    if (width == 0 && narrow) width = 1;
    if (width != 0 && rest.size() > width && rest[width] == ' ') positions.push_back(i);
  }
  return positions;
}

/// JavaScript's str.split(/\s+/).length.
std::size_t word_count(std::string_view text) {
  std::size_t count = 1;
  for (std::size_t i = 0; i < text.size();) {
    if (std::size_t space = js_space_length(text.substr(i))) {
      ++count;
      i += space;
      while (std::size_t more = js_space_length(text.substr(i))) i += more;
    } else {
      ++i;
    }
  }
  return count;
}

std::string collapse_ascii_whitespace(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    if (!space) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string document_title(pugi::xml_node html) {
  const auto titles = elements_named(html, {"title"});
  return titles.empty() ? std::string() : collapse_ascii_whitespace(text_content(titles.front()));
}

/// "Site: The Title" → "The Title", unless a heading holds the whole string.
std::string title_after_colon(pugi::xml_node html, const std::string& original) {
  for (pugi::xml_node heading : elements_named(html, {"h1", "h2"})) {
    if (trim_js_space(text_content(heading)) == trim_js_space(original)) return original;
  }
  std::string title = original.substr(original.rfind(':') + 1);
  if (word_count(title) < 3) {
    title = original.substr(original.find(':') + 1);
  } else if (word_count(original.substr(0, original.find(':'))) > 5) {
    title = original;
  }
  return title;
}

std::string without_separator_characters(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_separator(text[i])) continue;
    if (const std::size_t width = wide_separator(text.substr(i), false)) {
      i += width - 1;
      continue;
    }
    out += text[i];
  }
  return out;
}

/// Drops everything up to and including the first separator character.
std::string after_first_separator(const std::string& title) {
  for (std::size_t i = 0; i < title.size(); ++i) {
    if (is_separator(title[i])) return title.substr(i + 1);
    if (const std::size_t width = wide_separator(std::string_view(title).substr(i), false)) {
      return title.substr(i + width);
    }
  }
  return title;
}

/// The character of "#NNN" / "#xHHH" (at most four digits, as Readability), as UTF-8.
std::string decode_numeric_reference(std::string_view digits) {
  const bool hex = !digits.empty() && (digits[0] == 'x' || digits[0] == 'X');
  if (hex) digits.remove_prefix(1);
  if (digits.empty() || digits.size() > 4) return {};
  unsigned code = 0;
  for (char c : digits) {
    const char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    unsigned digit = 0;
    if (lower >= '0' && lower <= '9') digit = static_cast<unsigned>(lower - '0');
    else if (hex && lower >= 'a' && lower <= 'f') digit = static_cast<unsigned>(lower - 'a' + 10);
    else return {};
    code = code * (hex ? 16 : 10) + digit;
  }
  if (code == 0 || (code >= 0xD800 && code <= 0xDFFF)) return {};
  std::string out;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

}  // namespace

std::string article_title(pugi::xml_node html) {
  const std::string original(trim_js_space(document_title(html)));
  std::string title = original;
  bool hierarchical = false;
  const std::vector<std::size_t> separators = separator_positions(title, false);
  if (!separators.empty()) {
    hierarchical = !separator_positions(title, true).empty();
    title = original.substr(0, separators.back());
    if (word_count(title) < 3) title = after_first_separator(original);
  } else if (title.find(": ") != std::string::npos) {
    title = title_after_colon(html, original);
  } else if (js_length(title) > 150 || js_length(title) < 15) {
    const auto headings = elements_named(html, {"h1"});
    if (headings.size() == 1) title = inner_text(headings.front());
  }
  title = collapse_js_space_runs(title);
  const std::size_t words = word_count(title);
  if (words <= 4 &&
      (!hierarchical || words != word_count(without_separator_characters(original)) - 1)) {
    title = original;
  }
  return title;
}

std::string unescape_basic_entities(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return std::string(text);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t end = text[i] == '&' ? text.find(';', i) : std::string_view::npos;
    if (end == std::string_view::npos || end - i > 12) {
      out += text[i];
      continue;
    }
    const std::string_view name = text.substr(i + 1, end - i - 1);
    std::string replacement;
    if (name == "quot") replacement = "\"";
    else if (name == "amp") replacement = "&";
    else if (name == "lt") replacement = "<";
    else if (name == "gt") replacement = ">";
    else if (name == "apos") replacement = "'";
    else if (name.size() > 1 && name[0] == '#') replacement = decode_numeric_reference(name.substr(1));
    if (replacement.empty()) {
      out += text[i];
      continue;
    }
    out += replacement;
    i = end;
  }
  return out;
}

}  // namespace feeds::detail
