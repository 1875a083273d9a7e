#include "feeds/html/text.hpp"

#include "feeds/html/byte_runs.hpp"

namespace feeds {
namespace {

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_alnum(char c) {
  return is_ascii_alpha(c) || (c >= '0' && c <= '9');
}

bool has_tag_start(std::string_view text) {
  for (std::size_t i = text.find('<'); i != std::string_view::npos; i = text.find('<', i + 1)) {
    if (i + 1 < text.size() &&
        (is_ascii_alpha(text[i + 1]) || text[i + 1] == '/' || text[i + 1] == '!')) {
      return true;
    }
  }
  return false;
}

bool has_character_reference(std::string_view text) {
  for (std::size_t i = text.find('&'); i != std::string_view::npos; i = text.find('&', i + 1)) {
    std::size_t end = i + 1;
    while (end < text.size() && (is_ascii_alnum(text[end]) || text[end] == '#')) {
      ++end;
    }
    if (end > i + 1 && end < text.size() && text[end] == ';') {
      return true;
    }
  }
  return false;
}

}  // namespace

bool looks_like_html(std::string_view text) {
  return has_tag_start(text) || has_character_reference(text);
}

std::string escape_html(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_escaped_html(out, text, attribute);
  return out;
}

void append_escaped_html(std::string& out, std::string_view text, bool attribute) {
  // Runs between the characters to escape are found sixteen bytes at a time and appended
  // whole. Control bytes end a run too (RunStops always stops there) and are copied as they are.
  static constexpr detail::RunStops in_text{{'&', '<', '>', '&', '&', '&'}, {'\t', '\n', '\r'}};
  static constexpr detail::RunStops in_attribute{{'&', '<', '>', '"', '&', '&'},
                                                 {'\t', '\n', '\r'}};
  const auto run_length =
      attribute ? detail::run_length<in_attribute> : detail::run_length<in_text>;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t run = i + run_length(text.substr(i));
    out.append(text.substr(i, run - i));
    if (run == text.size()) break;
    i = run;
    switch (text[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;  // a stop in attribute values only
      default: out.push_back(text[i]);
    }
  }
}

}  // namespace feeds
