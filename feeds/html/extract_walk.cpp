// The marking walk of Readability's grabArticle.
#include <string>

#include "feeds/html/extract_dom.hpp"
#include "feeds/ascii.hpp"
#include "feeds/html/extract_patterns.hpp"
#include "feeds/html/extract_readability.hpp"
#include "feeds/html/extract_similarity.hpp"

namespace feeds::detail {
namespace {

/// The value of one declaration in a style attribute ("display"), lower-cased, without
/// "!important"; empty when absent.
std::string style_value(std::string_view style, std::string_view property) {
  const std::string lower = ascii_lower(style);
  std::size_t start = 0;
  std::string found;
  while (start <= lower.size()) {
    std::size_t end = lower.find(';', start);
    if (end == std::string::npos) end = lower.size();
    std::string_view declaration = std::string_view(lower).substr(start, end - start);
    const std::size_t colon = declaration.find(':');
    if (colon != std::string_view::npos &&
        trim_js_space(declaration.substr(0, colon)) == property) {
      std::string_view value = trim_js_space(declaration.substr(colon + 1));
      if (const std::size_t bang = value.find('!'); bang != std::string_view::npos) {
        value = trim_js_space(value.substr(0, bang));
      }
      found = std::string(value);
    }
    start = end + 1;
  }
  return found;
}

bool is_probably_visible(pugi::xml_node node) {
  const std::string_view style = attribute_of(node, "style");
  if (!style.empty() && (style_value(style, "display") == "none" ||
                         style_value(style, "visibility") == "hidden")) {
    return false;
  }
  if (node.attribute("hidden")) return false;
  // Wikimedia renders math as an aria-hidden "fallback-image" that is the visible one.
  return attribute_of(node, "aria-hidden") != "true" ||
         attribute_of(node, "class").find("fallback-image") != std::string_view::npos;
}

bool is_valid_byline(pugi::xml_node node, std::string_view lower_match) {
  const bool named = attribute_of(node, "rel") == "author" ||
                     attribute_of(node, "itemprop").find("author") != std::string_view::npos ||
                     has_byline_name(lower_match);
  if (!named) return false;
  const std::size_t length = js_length(trim_js_space(text_content(node)));
  return length > 0 && length < 100;
}

/// The byline's text, from its itemprop="name" part when it has one.
std::string byline_text(pugi::xml_node node) {
  const pugi::xml_node end = next_element(node, true);
  for (pugi::xml_node next = next_element(node); next && next != end; next = next_element(next)) {
    if (attribute_of(next, "itemprop").find("name") != std::string_view::npos) {
      return std::string(trim_js_space(text_content(next)));
    }
  }
  return std::string(trim_js_space(text_content(node)));
}

bool header_duplicates_title(pugi::xml_node node, std::string_view title) {
  if (!name_in(node, {"h1", "h2"})) return false;
  return text_similarity(title, inner_text(node, false)) > 0.75;
}

bool is_unlikely(pugi::xml_node node, std::string_view lower_match) {
  if (is_unlikely_candidate(lower_match) && !may_be_candidate(lower_match) &&
      !has_ancestor_named(node, "table") && !has_ancestor_named(node, "code") &&
      !name_in(node, {"body", "a"})) {
    return true;
  }
  return is_unlikely_role(attribute_of(node, "role"));
}

/// Wraps each run of phrasing content directly inside `div` into a <p>.
void wrap_phrasing_runs(pugi::xml_node div) {
  pugi::xml_node paragraph;
  for (pugi::xml_node child = div.first_child(); child;) {
    pugi::xml_node next = child.next_sibling();
    if (is_phrasing_content(child)) {
      if (paragraph) {
        paragraph.append_move(child);
      } else if (!is_whitespace_node(child)) {
        paragraph = div.insert_child_before("p", child);
        paragraph.append_move(child);
      }
    } else if (paragraph) {
      while (paragraph.last_child() && is_whitespace_node(paragraph.last_child())) {
        discard_node(paragraph.last_child());
      }
      paragraph = pugi::xml_node();
    }
    child = next;
  }
}

pugi::xml_node remove_and_get_next(pugi::xml_node node) {
  pugi::xml_node next = next_element(node, true);
  discard_node(node);
  return next;
}

bool is_structural(pugi::xml_node node) { return name_in(node, {"html", "head", "body"}); }

/// One step of the walk: whether `node` goes (then `node` is the next one to visit).
bool remove_if_junk(pugi::xml_node& node, const GrabFlags& flags, GrabContext& context,
                    bool& title_header_pending) {
  const std::string lower = ascii_lower(match_string(node));
  bool remove = false;
  if (!is_structural(node) && !is_probably_visible(node)) {
    remove = true;
  } else if (attribute_of(node, "aria-modal") == "true" && attribute_of(node, "role") == "dialog") {
    remove = true;
  } else if (context.byline.empty() && !context.metadata_has_byline &&
             !is_structural(node) && is_valid_byline(node, lower)) {
    context.byline = byline_text(node);
    remove = true;
  } else if (title_header_pending && header_duplicates_title(node, context.title)) {
    title_header_pending = false;
    remove = true;
  } else if (flags.strip_unlikely && !is_structural(node) && is_unlikely(node, lower)) {
    remove = true;
  } else if (name_in(node, {"div", "section", "header", "h1", "h2", "h3", "h4", "h5", "h6"}) &&
             is_element_without_content(node)) {
    remove = true;
  }
  if (remove) node = remove_and_get_next(node);
  return remove;
}

}  // namespace

std::vector<pugi::xml_node> mark_page(pugi::xml_node html, const GrabFlags& flags,
                                      GrabContext& context) {
  std::vector<pugi::xml_node> to_score;
  bool title_header_pending = true;
  pugi::xml_node node = html;
  while (node) {
    if (remove_if_junk(node, flags, context, title_header_pending)) continue;
    if (name_in(node, {"section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"})) {
      to_score.push_back(node);
    }
    if (has_name(node, "div")) {
      wrap_phrasing_runs(node);
      // Sites that wrap every paragraph in its own div: score the paragraph, not the div.
      if (has_single_tag_inside(node, "p") && link_density(node) < 0.25) {
        pugi::xml_node paragraph = first_element_child(node);
        replace_node(node, paragraph);
        node = paragraph;
        to_score.push_back(node);
      } else if (!has_child_block_element(node)) {
        node.set_name("p");
        to_score.push_back(node);
      }
    }
    node = next_element(node);
  }
  return to_score;
}

}  // namespace feeds::detail
