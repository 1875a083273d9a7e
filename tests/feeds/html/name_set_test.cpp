#include "feeds/html/name_set.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace feeds::detail {
namespace {

// HTML's element names, and look-alikes: the same first, middle and last bytes and length
// ("abbr"/"aber"), other case, a byte more or less, the empty name.
const std::vector<std::string> candidates = [] {
  std::vector<std::string> names = {
      "a",       "abbr",     "address",  "area",       "article",    "aside",   "audio",
      "b",       "bdi",      "bdo",      "big",        "blockquote", "br",      "button",
      "canvas",  "caption",  "center",   "cite",       "code",       "col",     "colgroup",
      "dd",      "del",      "details",  "dfn",        "dialog",     "div",     "dl",
      "dt",      "em",       "embed",    "figcaption", "figure",     "font",    "footer",
      "form",    "h1",       "h2",       "h3",         "h4",         "h5",      "h6",
      "header",  "hgroup",   "hr",       "i",          "iframe",     "img",     "input",
      "ins",     "kbd",      "li",       "link",       "main",       "mark",    "meta",
      "nav",     "noscript", "object",   "ol",         "p",          "picture", "pre",
      "q",       "rp",       "rt",       "ruby",       "s",          "samp",    "script",
      "section", "select",   "small",    "source",     "span",       "strike",  "strong",
      "style",   "sub",      "summary",  "sup",        "svg",        "table",   "tbody",
      "td",      "template", "textarea", "tfoot",      "th",         "thead",   "time",
      "title",   "tr",       "tt",       "u",          "ul",         "var",     "video",
      "wbr",     "o:p",      "my-widget"};
  const std::size_t known = names.size();
  for (std::size_t i = 0; i < known; ++i) {
    std::string upper = names[i];
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
    names.push_back(upper);
    names.push_back(names[i] + "x");
    names.push_back(names[i].substr(1));
    if (names[i].size() > 2) {  // first, middle and last bytes kept, another byte changed
      std::string twin = names[i];
      twin[1] = twin[1] == 'z' ? 'y' : 'z';
      names.push_back(twin);
    }
  }
  names.push_back("");
  return names;
}();

template <std::size_t N>
void expect_exactly(const NameSet<N>& set, const std::array<std::string_view, N>& members) {
  for (const std::string& name : candidates) {
    const bool member = std::find(members.begin(), members.end(), name) != members.end();
    EXPECT_EQ(set.contains(name), member) << '"' << name << '"';
  }
}

TEST(NameSet, ContainsItsNamesAndNoOthers) {
  static constexpr std::array<std::string_view, 5> few = {"p", "br", "abbr", "h1", "iframe"};
  static constexpr NameSet few_set{few};
  expect_exactly(few_set, few);

  static constexpr std::array<std::string_view, 40> many = {
      "a",   "abbr", "b",   "bdi", "bdo", "big",  "br",   "cite", "code", "dd",
      "del", "dfn",  "div", "dl",  "dt",  "em",   "h1",   "h2",   "h3",   "h4",
      "h5",  "h6",   "hr",  "i",   "img", "ins",  "kbd",  "li",   "ol",   "p",
      "pre", "q",    "rp",  "rt",  "s",   "samp", "span", "sub",  "sup",  "u"};
  static constexpr NameSet many_set{many};
  expect_exactly(many_set, many);
  static_assert(many_set.contains("h6") && !many_set.contains("h7") && !many_set.contains(""));
}

TEST(NameMap, FindsEachNamesValue) {
  using Map = NameMap<int, 4>;
  static constexpr Map map{std::array<Map::Entry, 4>{{{"pre", 1}, {"p", 2}, {"li", 3}, {"rt", 4}}}};
  ASSERT_NE(map.find("pre"), nullptr);
  EXPECT_EQ(*map.find("pre"), 1);
  EXPECT_EQ(*map.find("p"), 2);
  EXPECT_EQ(*map.find("li"), 3);
  EXPECT_EQ(*map.find("rt"), 4);
  EXPECT_EQ(map.find("rp"), nullptr);
  EXPECT_EQ(map.find("PRE"), nullptr);
  EXPECT_EQ(map.find(""), nullptr);
}

}  // namespace
}  // namespace feeds::detail
