#include "feeds/html/extract_patterns.hpp"
#include "feeds/ascii.hpp"

#include <algorithm>
#include <initializer_list>

#include "feeds/html/extract_dom.hpp"

namespace feeds::detail {
namespace {

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view word) { return text.find(word) != text.npos; });
}

/// "hid" as a whole space-separated word (Readability: ^hid$| hid$| hid |^hid ).
bool has_hid_word(std::string_view text) {
  for (std::size_t at = text.find("hid"); at != text.npos; at = text.find("hid", at + 1)) {
    const bool starts = at == 0 || text[at - 1] == ' ';
    const bool ends = at + 3 == text.size() || text[at + 3] == ' ';
    if (starts && ends) return true;
  }
  return false;
}

bool is_word_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool is_unlikely_candidate(std::string_view lower) {
  return contains_any(lower, {"-ad-",     "ai2html",  "banner",      "breadcrumbs", "combx",
                              "comment",  "community", "cover-wrap", "disqus",      "extra",
                              "footer",   "gdpr",     "header",      "legends",     "menu",
                              "related",  "remark",   "replies",     "rss",         "shoutbox",
                              "sidebar",  "skyscraper", "social",    "sponsor",     "supplemental",
                              "ad-break", "agegate",  "pagination",  "pager",       "popup",
                              "yom-remote"});
}

bool may_be_candidate(std::string_view lower) {
  return contains_any(lower,
                      {"and", "article", "body", "column", "content", "main", "mathjax", "shadow"});
}

bool has_positive_name(std::string_view lower) {
  return contains_any(lower, {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                              "page", "pagination", "post", "text", "blog", "story"});
}

bool has_negative_name(std::string_view lower) {
  return has_hid_word(lower) ||
         contains_any(lower, {"-ad-",     "hidden",   "banner",  "combx",    "comment",
                              "com-",     "contact",  "footer",  "gdpr",     "masthead",
                              "media",    "meta",     "outbrain", "promo",   "related",
                              "scroll",   "share",    "shoutbox", "sidebar", "skyscraper",
                              "sponsor",  "shopping", "tags",    "widget"});
}

bool has_byline_name(std::string_view lower) {
  return contains_any(lower, {"byline", "author", "dateline", "writtenby", "p-author"});
}

bool has_share_name(std::string_view lower) {
  for (std::string_view word : {std::string_view("sharedaddy"), std::string_view("share")}) {
    for (std::size_t at = lower.find(word); at != lower.npos; at = lower.find(word, at + 1)) {
      const std::size_t end = at + word.size();
      // (\b|_)word(\b|_): a word boundary or an underscore on each side.
      const bool left = at == 0 || !is_word_character(lower[at - 1]) || lower[at - 1] == '_';
      const bool right = end == lower.size() || !is_word_character(lower[end]) || lower[end] == '_';
      if (left && right) return true;
    }
  }
  return false;
}

bool is_unlikely_role(std::string_view role) {
  static constexpr std::string_view roles[] = {"menu",  "menubar",     "complementary", "navigation",
                                               "alert", "alertdialog", "dialog"};
  return std::find(std::begin(roles), std::end(roles), role) != std::end(roles);
}

int class_weight(pugi::xml_node node, bool enabled) {
  if (!enabled) return 0;
  int weight = 0;
  for (const char* name : {"class", "id"}) {
    const std::string value = ascii_lower(attribute_of(node, name));
    if (value.empty()) continue;
    if (has_negative_name(value)) weight -= 25;
    if (has_positive_name(value)) weight += 25;
  }
  return weight;
}

}  // namespace feeds::detail
