// Page preparation before scoring (Readability's _removeScripts, _prepDocument, _replaceBrs) and
// its isProbablyReaderable test.
#include <cmath>
#include <unordered_set>

#include "feeds/html/extract_dom.hpp"
#include "feeds/ascii.hpp"
#include "feeds/html/extract_patterns.hpp"
#include "feeds/html/extract_readability.hpp"

namespace feeds::detail {
namespace {

/// The next sibling that is not whitespace-only text.
pugi::xml_node next_significant(pugi::xml_node node) {
  while (node && !is_element(node) && trim_js_space(node.value()).empty()) {
    node = node.next_sibling();
  }
  return node;
}

/// <br><br> followed by phrasing content becomes a <p> holding that content.
void replace_break_run(pugi::xml_node line_break) {
  bool replaced = false;
  pugi::xml_node next = line_break.next_sibling();
  while ((next = next_significant(next)) && has_name(next, "br")) {
    replaced = true;
    pugi::xml_node after = next.next_sibling();
    discard_node(next);
    next = after;
  }
  if (!replaced) return;
  pugi::xml_node paragraph = line_break.parent().insert_child_before("p", line_break);
  discard_node(line_break);
  for (next = paragraph.next_sibling(); next;) {
    if (has_name(next, "br") && has_name(next_significant(next.next_sibling()), "br")) break;
    if (!is_phrasing_content(next)) break;
    pugi::xml_node sibling = next.next_sibling();
    paragraph.append_move(next);
    next = sibling;
  }
  while (paragraph.last_child() && is_whitespace_node(paragraph.last_child())) {
    discard_node(paragraph.last_child());
  }
  if (has_name(paragraph.parent(), "p")) paragraph.parent().set_name("div");
}

bool is_visible_for_readerable(pugi::xml_node node) {
  const std::string style = ascii_lower(attribute_of(node, "style"));
  if (style.find("display:none") != std::string::npos ||
      style.find("display: none") != std::string::npos) {
    return false;
  }
  if (node.attribute("hidden")) return false;
  return attribute_of(node, "aria-hidden") != "true" ||
         attribute_of(node, "class").find("fallback-image") != std::string_view::npos;
}

}  // namespace

void prepare_page(pugi::xml_node html) {
  for (pugi::xml_node node : elements_named(html, {"script", "noscript", "style"})) {
    discard_node(node);
  }
  if (pugi::xml_node body = html.child("body")) {
    for (pugi::xml_node line_break : elements_named(body, {"br"})) {
      if (is_attached(line_break)) replace_break_run(line_break);
    }
  }
  for (pugi::xml_node font : elements_named(html, {"font"})) font.set_name("span");
}

bool is_probably_readerable(pugi::xml_node html) {
  constexpr double kMinContentLength = 140;
  constexpr double kMinScore = 20;
  std::vector<pugi::xml_node> nodes = elements_named(html, {"p", "pre", "article"});
  std::unordered_set<const void*> seen;
  for (pugi::xml_node line_break : elements_named(html, {"br"})) {
    pugi::xml_node parent = line_break.parent();
    if (has_name(parent, "div") && seen.insert(parent.internal_object()).second) {
      nodes.push_back(parent);
    }
  }
  double score = 0;
  for (pugi::xml_node node : nodes) {
    if (!is_visible_for_readerable(node)) continue;
    const std::string lower = ascii_lower(match_string(node));
    if (is_unlikely_candidate(lower) && !may_be_candidate(lower)) continue;
    if (has_name(node, "p") && node.parent() && has_name(node.parent(), "li")) continue;
    const double length = static_cast<double>(js_length(trim_js_space(text_content(node))));
    if (length < kMinContentLength) continue;
    score += std::sqrt(length - kMinContentLength);
    if (score > kMinScore) return true;
  }
  return false;
}

}  // namespace feeds::detail
