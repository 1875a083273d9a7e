#include "feeds/html/extract_content.hpp"

#include "feeds/html/extract_dom.hpp"
#include "feeds/html/extract_rules.hpp"

namespace feeds::detail {
namespace {

/// Rule-chosen content gets Readability's final cleaning, without the conditional part.
ContentChoice ruled(pugi::xml_node content, ExtractMethod method) {
  clean_article(content, GrabFlags{false, true, false});
  return ContentChoice{nullptr, content, method};
}

/// The element marked as the article body, copied into a new <div> outside <html>.
pugi::xml_node item_prop_body(pugi::xml_document& page) {
  for (pugi::xml_node node : elements_named(page.child("html"), {"div", "section", "article", "main", "span"})) {
    if (attribute_of(node, "itemprop") != "articleBody") continue;
    pugi::xml_node article = page.append_child("div");
    article.append_copy(node);
    clean_article(article, GrabFlags{false, true, true});
    return article;
  }
  return {};
}

/// Paragraphs from JSON-LD's plain-text articleBody (lines separated by newlines).
pugi::xml_node json_ld_body(pugi::xml_document& page, std::string_view body) {
  pugi::xml_node article = page.append_child("div");
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = trim_js_space(body.substr(start, end - start));
    if (!line.empty()) {
      article.append_child("p").append_child(pugi::node_pcdata).set_value(std::string(line).c_str());
    }
    start = end + 1;
  }
  return article;
}

/// Readability's content, unless a page-declared body holds at least twice as much text.
ContentChoice with_declared_bodies(ContentChoice scored, pugi::xml_document& page,
                                   const JsonLdArticle& json_ld) {
  const std::size_t scored_length = scored.content ? inner_text_length(scored.content) : 0;
  if (pugi::xml_node body = item_prop_body(page)) {
    if (inner_text_length(body) >= 2 * scored_length + 1 && link_density(body) < 0.3) {
      return ContentChoice{nullptr, body, ExtractMethod::item_prop};
    }
  }
  if (!json_ld.body.empty() && js_length(json_ld.body) >= 2 * scored_length + 1) {
    return ContentChoice{nullptr, json_ld_body(page, json_ld.body), ExtractMethod::json_ld};
  }
  return scored;
}

}  // namespace

Result<ContentChoice> choose_content(pugi::xml_document& page, const ExtractRequest& request,
                                     const JsonLdArticle& json_ld, GrabContext& context) {
  if (!request.content_selector.empty() || !request.remove_selector.empty()) {
    auto selected = select_by_feed_selectors(page, request.content_selector, request.remove_selector);
    if (!selected) return selected.error();
    if (*selected) return ruled(*selected, ExtractMethod::selector);
  }
  if (request.site_rules != nullptr) {
    if (pugi::xml_node body = select_by_site_rules(page, *request.site_rules)) {
      return ruled(body, ExtractMethod::site_rule);
    }
  }
  GrabbedArticle grabbed = grab_article(page, context);
  ContentChoice scored{std::move(grabbed.document), grabbed.content, ExtractMethod::readability};
  return with_declared_bodies(std::move(scored), page, json_ld);
}

}  // namespace feeds::detail
