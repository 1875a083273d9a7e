#include "feeds/html/plain_tree.hpp"

#include <gumbo.h>

#include "feeds/html/name_set.hpp"

namespace feeds::detail {
namespace {

enum Flag : std::uint16_t {
  closes_paragraph = 1 << 0,  // the tree builder closes an open p first
  void_element = 1 << 1,
  raw_text = 1 << 2,
  paragraph = 1 << 3,
  link = 1 << 4,
  heading = 1 << 5,
  list = 1 << 6,            // ul, ol
  needs_list = 1 << 7,      // li
  definitions = 1 << 8,     // dl
  needs_definitions = 1 << 9,  // dt, dd
  ruby = 1 << 10,
  needs_ruby = 1 << 11,     // rt, rp
  eats_newline = 1 << 12,   // pre
};

constexpr std::uint16_t block = closes_paragraph;

// Every element here was checked against the "in body" insertion mode: none of them closes,
// moves or re-opens anything under the conditions PlainTreeChecker adds. Anything missing
// (tables, forms, nobr, listing, noscript, ...) goes to gumbo.
using ElementFlags = NameMap<std::uint16_t, 72>;
// clang-format off
constexpr ElementFlags elements{std::array<ElementFlags::Entry, 72>{{
    {"a", link},           {"abbr", 0},
    {"address", block},    {"article", block},
    {"aside", block},      {"audio", 0},
    {"b", 0},              {"bdi", 0},
    {"bdo", 0},            {"big", 0},
    {"blockquote", block}, {"br", void_element},
    {"center", block},     {"cite", 0},
    {"code", 0},           {"dd", block | needs_definitions},
    {"del", 0},            {"details", block},
    {"dfn", 0},            {"div", block},
    {"dl", block | definitions}, {"dt", block | needs_definitions},
    {"em", 0},             {"figcaption", block},
    {"figure", block},     {"font", 0},
    {"footer", block},     {"h1", block | heading},
    {"h2", block | heading}, {"h3", block | heading},
    {"h4", block | heading}, {"h5", block | heading},
    {"h6", block | heading}, {"header", block},
    {"hgroup", block},     {"hr", block | void_element},
    {"i", 0},              {"iframe", raw_text},
    {"img", void_element}, {"ins", 0},
    {"kbd", 0},            {"li", block | needs_list},
    {"main", block},       {"mark", 0},
    {"nav", block},        {"ol", block | list},
    {"p", block | paragraph}, {"picture", 0},
    {"pre", block | eats_newline}, {"q", 0},
    {"rp", needs_ruby},    {"rt", needs_ruby},
    {"ruby", ruby},        {"s", 0},
    {"samp", 0},           {"script", raw_text},
    {"section", block},    {"small", 0},
    {"source", void_element}, {"span", 0},
    {"strike", 0},         {"strong", 0},
    {"style", raw_text},   {"sub", 0},
    {"summary", block},    {"sup", 0},
    {"time", 0},           {"tt", 0},
    {"u", 0},              {"ul", block | list},
    {"var", 0},            {"video", 0},
}}};
// clang-format on

/// Names the HTML tree builder has no rule for: custom elements ("my-widget"), Word's "o:p",
/// and any other name gumbo does not know ("<more>" in a title). Such an element is ordinary:
/// it closes nothing when it opens and nothing closes it implicitly.
bool is_unknown_name(std::string_view name) {
  return gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size())) == GUMBO_TAG_UNKNOWN;
}

std::optional<std::uint16_t> element_flags(std::string_view name) {
  if (const std::uint16_t* flags = elements.find(name)) {
    return *flags;
  }
  return is_unknown_name(name) ? std::optional<std::uint16_t>(0) : std::nullopt;
}

}  // namespace

bool PlainTreeChecker::fits_content_model(std::uint16_t flags) const {
  const std::uint16_t parent = open_.empty() ? 0 : open_.back().flags;
  if (((flags & closes_paragraph) && open_paragraphs_ > 0) || ((flags & link) && open_links_ > 0) ||
      ((flags & heading) && open_headings_ > 0)) {
    return false;
  }
  // li, dt, dd, rt and rp close open siblings by looking up the stack; directly inside their
  // list there is nothing for them to close.
  return (!(flags & needs_list) || (parent & list)) &&
         (!(flags & needs_definitions) || (parent & definitions)) &&
         (!(flags & needs_ruby) || (parent & ruby));
}

std::optional<PlainElement> PlainTreeChecker::open(std::string_view name, bool self_closing) {
  eats_next_newline_ = false;
  const std::optional<std::uint16_t> flags = element_flags(name);
  if (!flags || !fits_content_model(*flags)) {
    return std::nullopt;
  }
  const PlainElement element{(*flags & void_element) != 0, (*flags & raw_text) != 0};
  // "<div/>" leaves the div open, which the author did not mean: leave it to gumbo.
  if ((self_closing && !element.is_void) || (!element.is_void && open_.size() >= max_depth)) {
    return std::nullopt;
  }
  if (!element.is_void && !element.is_raw_text) {
    open_.push_back({std::string(name), *flags});
    open_paragraphs_ += (*flags & paragraph) ? 1 : 0;
    open_links_ += (*flags & link) ? 1 : 0;
    open_headings_ += (*flags & heading) ? 1 : 0;
    eats_next_newline_ = (*flags & eats_newline) != 0;
  }
  return element;
}

bool PlainTreeChecker::close(std::string_view name) {
  eats_next_newline_ = false;
  if (open_.empty() || open_.back().name != name) {
    return false;
  }
  const std::uint16_t flags = open_.back().flags;
  open_paragraphs_ -= (flags & paragraph) ? 1 : 0;
  open_links_ -= (flags & link) ? 1 : 0;
  open_headings_ -= (flags & heading) ? 1 : 0;
  open_.pop_back();
  return true;
}

}  // namespace feeds::detail
