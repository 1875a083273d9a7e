// Site rules (ftr-site-config) and the feed's content/remove selectors (CSS or XPath) applied to
// a parsed page before Readability-style scoring.
#include "feeds/html/extract_rules.hpp"

#include <string>
#include <vector>

#include "feeds/html/css_selector.hpp"
#include "feeds/html/extract_dom.hpp"
#include "feeds/html/site_rules.hpp"

namespace feeds::detail {
namespace {

Result<std::string> to_xpath(std::string_view selector) { return compile_selector(selector); }

Result<std::vector<pugi::xml_node>> evaluate(pugi::xml_document& document, const std::string& xpath) {
  std::vector<pugi::xml_node> nodes;
  try {
    // pugixml reports a bad expression by exception: this is the boundary where it stops.
    for (const pugi::xpath_node& match : document.child("html").select_nodes(xpath.c_str())) {
      if (match.node() && is_element(match.node())) nodes.push_back(match.node());
    }
  } catch (const pugi::xpath_exception& failure) {
    return Error{ErrorCode::invalid_argument,
                 "extract: XPath \"" + xpath + "\": " + failure.what()};
  }
  return nodes;
}

bool is_inside_any(pugi::xml_node node, const std::vector<pugi::xml_node>& outer) {
  for (pugi::xml_node parent = node.parent(); parent; parent = parent.parent()) {
    for (pugi::xml_node candidate : outer) {
      if (candidate == parent) return true;
    }
  }
  return false;
}

}  // namespace

Result<pugi::xml_node> collect_matches(pugi::xml_document& document, std::string_view xpath) {
  auto matches = evaluate(document, std::string(xpath));
  if (!matches) return matches.error();
  std::vector<pugi::xml_node> outermost;
  for (pugi::xml_node node : *matches) {
    if (!is_inside_any(node, outermost)) outermost.push_back(node);
  }
  if (outermost.empty()) return pugi::xml_node();
  pugi::xml_node article = document.append_child("div");
  for (pugi::xml_node node : outermost) article.append_move(node);
  return article;
}

Result<pugi::xml_node> select_by_feed_selectors(pugi::xml_document& document,
                                                std::string_view content_selector,
                                                std::string_view remove_selector) {
  if (!trim_js_space(remove_selector).empty()) {
    auto xpath = to_xpath(remove_selector);
    if (!xpath) return xpath.error();
    auto junk = evaluate(document, *xpath);
    if (!junk) return junk.error();
    for (pugi::xml_node node : *junk) {
      if (is_attached(node)) discard_node(node);
    }
  }
  if (trim_js_space(content_selector).empty()) return pugi::xml_node();
  auto xpath = to_xpath(content_selector);
  if (!xpath) return xpath.error();
  return collect_matches(document, *xpath);
}

pugi::xml_node select_by_site_rules(pugi::xml_document& document, const SiteRules& rules) {
  apply_site_rules_before(document, rules);
  pugi::xml_node body = select_body(document, rules);
  if (!body) return {};
  pugi::xml_node article = document.append_child("div");
  article.append_move(body);
  return article;
}

}  // namespace feeds::detail
