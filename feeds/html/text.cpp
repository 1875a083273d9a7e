#include "feeds/html/text.hpp"

#include <algorithm>
#include <array>

#include "feeds/html/dom.hpp"
#include "feeds/html/tree_walk.hpp"

namespace feeds {
namespace {

bool is_hidden_content(std::string_view name) {
  return name == "script" || name == "style" || name == "noscript" || name == "template";
}

/// Elements that separate words when rendered (parse-output.md §6: "block elements as whitespace").
bool is_text_break(std::string_view name) {
  static constexpr std::array<std::string_view, 53> names = {
      "address",    "article", "aside",   "audio",  "blockquote", "br",     "caption",  "center",
      "dd",         "details", "dialog",  "dir",    "div",        "dl",     "dt",       "fieldset",
      "figcaption", "figure",  "footer",  "form",   "h1",         "h2",     "h3",       "h4",
      "h5",         "h6",      "header",  "hgroup", "hr",         "iframe", "img",      "li",
      "legend",     "main",    "menu",    "nav",    "ol",         "option", "p",        "pre",
      "section",    "select",  "summary", "table",  "tbody",      "td",     "textarea", "tfoot",
      "th",         "thead",   "tr",      "ul",     "video"};
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// Length of the whitespace character at the start of `text`, 0 when it is something else.
std::size_t whitespace_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char first = byte(0);
  if (first == ' ' || (first >= '\t' && first <= '\r')) {
    return 1;
  }
  if (first == 0xC2 && text.size() >= 2 && (byte(1) == 0xA0 || byte(1) == 0x85)) {
    return 2;  // U+00A0 NO-BREAK SPACE, U+0085 NEXT LINE
  }
  if (text.size() < 3) {
    return 0;
  }
  const unsigned char second = byte(1);
  const unsigned char third = byte(2);
  const bool is_space = (first == 0xE1 && second == 0x9A && third == 0x80) ||  // U+1680
                        (first == 0xE2 && second == 0x80 &&
                         (third <= 0x8A || third == 0xA8 ||                    // U+2000-200A
                          third == 0xA9 || third == 0xAF)) ||                  // U+2028/9, 202F
                        (first == 0xE2 && second == 0x81 && third == 0x9F) ||  // U+205F
                        (first == 0xE3 && second == 0x80 && third == 0x80);    // U+3000
  return is_space && third >= 0x80 ? 3 : 0;
}

}  // namespace

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t length = whitespace_length(text.substr(i))) {
      pending_space = !out.empty();
      i += length;
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(text[i++]);
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  // Called for every title: most have neither markup nor entities.
  if (html.find_first_of("<&") == std::string_view::npos) {
    return collapse_whitespace(html);
  }
  pugi::xml_document doc;
  parse_html_fragment(html, doc);
  std::string text;
  const auto enter = [&](pugi::xml_node node) {
    if (node.type() == pugi::node_pcdata) {
      text += node.value();
      return false;
    }
    if (is_hidden_content(node.name())) {
      return false;
    }
    if (is_text_break(node.name())) {
      text.push_back(' ');
    }
    return true;
  };
  const auto leave = [&](pugi::xml_node node) {
    if (is_text_break(node.name())) {
      text.push_back(' ');
    }
  };
  detail::walk_tree(doc.first_child(), enter, leave);
  return collapse_whitespace(text);
}

}  // namespace feeds
