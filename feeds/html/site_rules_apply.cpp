#include <cstring>
#include <set>

#include "feeds/html/site_rules.hpp"
#include "feeds/html/site_rules_xpath.hpp"
#include "feeds/html/tree_walk.hpp"
#include "feeds/url/resolve.hpp"

namespace feeds {
namespace {

/// Removes selected nodes last first, so a descendant goes before its ancestor and no handle
/// is left pointing into a freed subtree.
void remove_selected(const std::vector<pugi::xpath_node>& selected) {
  for (auto it = selected.rbegin(); it != selected.rend(); ++it) {
    if (it->attribute()) {
      it->parent().remove_attribute(it->attribute());
      continue;
    }
    const pugi::xml_node node = it->node();
    if (node && node.type() != pugi::node_document && node.parent()) {
      node.parent().remove_child(node);
    }
  }
}

/// The selected elements not inside another selected element: moving those keeps every
/// selected element exactly once.
std::vector<pugi::xml_node> outermost_elements(const std::vector<pugi::xpath_node>& selected) {
  std::set<pugi::xml_node> elements;
  for (const pugi::xpath_node& node : selected) {
    if (!node.attribute() && node.node().type() == pugi::node_element) {
      elements.insert(node.node());
    }
  }
  std::vector<pugi::xml_node> outermost;
  for (const pugi::xpath_node& node : selected) {
    if (elements.count(node.node()) == 0) continue;
    bool nested = false;
    for (pugi::xml_node ancestor = node.node().parent(); ancestor && !nested;
         ancestor = ancestor.parent()) {
      nested = elements.count(ancestor) != 0;
    }
    if (!nested) outermost.push_back(node.node());
  }
  return outermost;
}

/// One selected element as is; several moved into a new <div> that takes the first one's place.
pugi::xml_node gather_elements(const std::vector<pugi::xpath_node>& selected) {
  const std::vector<pugi::xml_node> elements = outermost_elements(selected);
  if (elements.size() <= 1) return elements.empty() ? pugi::xml_node() : elements.front();
  pugi::xml_node wrapper = elements.front().parent().insert_child_before("div", elements.front());
  for (const pugi::xml_node& element : elements) wrapper.append_move(element);
  return wrapper;
}

bool contains(const char* haystack, std::string_view needle) {
  return std::string_view(haystack).find(needle) != std::string_view::npos;
}

bool is_stripped_element(pugi::xml_node element, const SiteRules& rules) {
  // ftr matches a substring of the raw attribute, and its corpus relies on that: Wikipedia's
  // "strip_id_or_class: editsection" is meant for class="mw-editsection".
  for (const std::string& value : rules.strip_id_or_class) {
    if (contains(element.attribute("id").value(), value) ||
        contains(element.attribute("class").value(), value)) {
      return true;
    }
  }
  if (std::strcmp(element.name(), "img") != 0) return false;
  for (const std::string& fragment : rules.strip_image_src) {
    if (contains(element.attribute("src").value(), fragment)) return true;
  }
  return false;
}

void strip_elements_by_attribute(pugi::xml_document& document, const SiteRules& rules) {
  if (rules.strip_id_or_class.empty() && rules.strip_image_src.empty()) return;
  std::vector<pugi::xml_node> doomed;
  detail::walk_tree(
      document,
      [&](pugi::xml_node node) {
        if (node.type() != pugi::node_element) return false;
        if (!is_stripped_element(node, rules)) return true;
        doomed.push_back(node);
        return false;  // its subtree goes with it
      },
      [](pugi::xml_node) {});
  for (const pugi::xml_node& node : doomed) node.parent().remove_child(node);
}

/// Candidate URLs from one link rule: an element's href, a selected attribute or text, or the
/// string the expression evaluates to.
std::vector<std::string> link_candidates(const pugi::xml_document& document,
                                         const std::string& xpath,
                                         std::vector<std::string>* warnings) {
  std::vector<std::string> links;
  if (!xpath_selects_nodes(xpath)) {
    if (std::optional<std::string> text = select_xpath_text(document, xpath, warnings)) {
      links.push_back(std::move(*text));
    }
    return links;
  }
  for (const pugi::xpath_node& node : select_xpath_nodes(document, xpath, warnings)) {
    const pugi::xml_node element = node.attribute() ? pugi::xml_node() : node.node();
    const bool linked = element.type() == pugi::node_element && element.attribute("href");
    links.push_back(linked ? element.attribute("href").value() : xpath_node_text(node));
  }
  return links;
}

std::optional<std::string> select_link(const pugi::xml_document& document,
                                       const std::vector<std::string>& xpaths,
                                       std::string_view base_url,
                                       std::vector<std::string>* warnings) {
  for (const std::string& xpath : xpaths) {
    for (const std::string& link : link_candidates(document, xpath, warnings)) {
      if (link.find_first_not_of(" \t\r\n\f") == std::string::npos) continue;
      std::optional<std::string> url = resolve_safe_url(base_url, link);
      if (url && !url->empty()) return url;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string apply_replacements(std::string html, const SiteRules& rules) {
  for (const Replacement& replacement : rules.replacements) {
    if (replacement.find.empty()) continue;
    for (std::size_t at = html.find(replacement.find); at != std::string::npos;
         at = html.find(replacement.find, at + replacement.replace.size())) {
      html.replace(at, replacement.find.size(), replacement.replace);
    }
  }
  return html;
}

void apply_site_rules_before(pugi::xml_document& document, const SiteRules& rules,
                             std::vector<std::string>* warnings) {
  for (const std::string& xpath : rules.strip) {
    remove_selected(select_xpath_nodes(document, xpath, warnings));
  }
  strip_elements_by_attribute(document, rules);
}

pugi::xml_node select_body(pugi::xml_document& document, const SiteRules& rules,
                           std::vector<std::string>* warnings) {
  for (const std::string& xpath : rules.body) {
    if (pugi::xml_node body = select_by(document, xpath, warnings)) return body;
  }
  return {};
}

std::optional<std::string> select_text(const pugi::xml_document& document,
                                       const std::vector<std::string>& xpaths,
                                       std::vector<std::string>* warnings) {
  for (const std::string& xpath : xpaths) {
    if (std::optional<std::string> text = select_xpath_text(document, xpath, warnings)) {
      return text;
    }
  }
  return std::nullopt;
}

std::optional<std::string> select_next_page_link(const pugi::xml_document& document,
                                                 const SiteRules& rules, std::string_view base_url,
                                                 std::vector<std::string>* warnings) {
  return select_link(document, rules.next_page_link, base_url, warnings);
}

std::optional<std::string> select_single_page_link(const pugi::xml_document& document,
                                                   const SiteRules& rules,
                                                   std::string_view base_url,
                                                   std::vector<std::string>* warnings) {
  return select_link(document, rules.single_page_link, base_url, warnings);
}

pugi::xml_node select_by(pugi::xml_document& document, std::string_view xpath,
                         std::vector<std::string>* warnings) {
  return gather_elements(select_xpath_nodes(document, xpath, warnings));
}

void remove_by(pugi::xml_document& document, std::string_view xpath,
               std::vector<std::string>* warnings) {
  remove_selected(select_xpath_nodes(document, xpath, warnings));
}

}  // namespace feeds
