#include "feeds/html/extract_prescan.hpp"
#include "feeds/ascii.hpp"

#include "feeds/html/extract_patterns.hpp"

namespace feeds::detail {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(text[at + i]) != prefix[i]) return false;
  }
  return true;
}

bool ends_tag_name(std::string_view text, std::size_t at) {
  if (at >= text.size()) return false;
  const char c = text[at];
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/// The index just past the '>' that closes the start tag beginning at `at` (quotes respected).
std::size_t start_tag_end(std::string_view text, std::size_t at) {
  char quote = 0;
  for (std::size_t i = at; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return text.size();
}

/// Where "</name" followed by a tag-name end starts, at or after `from`; npos when never.
std::size_t find_end_tag(std::string_view text, std::size_t from, std::string_view name) {
  for (std::size_t at = text.find("</", from); at != std::string_view::npos;
       at = text.find("</", at + 2)) {
    if (starts_with_ci(text, at + 2, name) && ends_tag_name(text, at + 2 + name.size())) return at;
  }
  return std::string_view::npos;
}

}  // namespace

std::string drop_script_bodies(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t copied = 0;
  for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    if (html.compare(at, 4, "<!--") == 0) {
      const std::size_t close = html.find("-->", at + 4);
      if (close == std::string_view::npos) break;
      at = close + 2;
      continue;
    }
    const bool script = starts_with_ci(html, at + 1, "script") && ends_tag_name(html, at + 7);
    const bool style = !script && starts_with_ci(html, at + 1, "style") && ends_tag_name(html, at + 6);
    if (!script && !style) continue;
    const std::size_t body = start_tag_end(html, at);
    if (script && ascii_lower(html.substr(at, body - at)).find("ld+json") != std::string::npos) {
      at = body - 1;
      continue;
    }
    const std::size_t end = find_end_tag(html, body, script ? "script" : "style");
    if (end == std::string_view::npos) break;  // unterminated: leave it to the parser
    out.append(html.substr(copied, body - copied));
    copied = end;
    at = end;
  }
  out.append(html.substr(copied));
  return out;
}

}  // namespace feeds::detail
