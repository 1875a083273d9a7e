// JSON-LD: the schema.org Article a page describes itself with (Readability's _getJSONLD, plus
// articleBody, image and inLanguage).
#include <boost/json.hpp>

#include <array>

#include "feeds/html/extract_dom.hpp"
#include "feeds/html/extract_metadata.hpp"
#include "feeds/html/extract_similarity.hpp"

namespace feeds::detail {
namespace {

namespace json = boost::json;

bool is_article_type_name(std::string_view type) {
  static constexpr std::array<std::string_view, 17> types = {
      "AdvertiserContentArticle", "NewsArticle",       "AnalysisNewsArticle",
      "AskPublicNewsArticle",     "BackgroundNewsArticle", "OpinionNewsArticle",
      "ReportageNewsArticle",     "ReviewNewsArticle", "Report",
      "SatiricalArticle",         "ScholarlyArticle",  "MedicalScholarlyArticle",
      "SocialMediaPosting",       "BlogPosting",       "LiveBlogPosting",
      "DiscussionForumPosting",   "TechArticle"};
  if (type.starts_with("Article") || type.ends_with("APIReference")) return true;
  for (std::string_view name : types) {
    if (type.find(name) != std::string_view::npos) return true;
  }
  return false;
}

bool is_article_type(const json::value* type) {
  if (type == nullptr) return false;
  if (type->is_string()) return is_article_type_name(type->get_string());
  if (type->is_array()) {
    for (const json::value& item : type->get_array()) {
      if (item.is_string() && is_article_type_name(item.get_string())) return true;
    }
  }
  return false;
}

bool is_schema_org(const json::value* context) {
  if (context == nullptr) return false;
  const json::value* url = context;
  if (context->is_object()) url = context->get_object().if_contains("@vocab");
  if (url == nullptr || !url->is_string()) return false;
  std::string_view text = url->get_string();
  if (text.ends_with("/")) text.remove_suffix(1);
  return text == "http://schema.org" || text == "https://schema.org";
}

const json::object* find_article(const json::array& items) {
  for (const json::value& item : items) {
    if (item.is_object() && is_article_type(item.get_object().if_contains("@type"))) {
      return &item.get_object();
    }
  }
  return nullptr;
}

/// The Article object of one parsed script, following Readability's rules.
const json::object* article_object(const json::value& parsed) {
  const json::object* object = parsed.is_object() ? &parsed.get_object() : nullptr;
  if (parsed.is_array()) object = find_article(parsed.get_array());
  if (object == nullptr || !is_schema_org(object->if_contains("@context"))) return nullptr;
  const json::value* graph = object->if_contains("@graph");
  if (object->if_contains("@type") == nullptr && graph != nullptr && graph->is_array()) {
    object = find_article(graph->get_array());
  }
  if (object == nullptr || !is_article_type(object->if_contains("@type"))) return nullptr;
  return object;
}

std::string string_field(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return std::string(trim_js_space(value->get_string()));
}

std::string author_names(const json::value* author) {
  if (author == nullptr) return {};
  if (author->is_object()) return string_field(author->get_object(), "name");
  if (!author->is_array() || author->get_array().empty()) return {};
  const json::value& first = author->get_array().front();
  if (!first.is_object() || string_field(first.get_object(), "name").empty()) return {};
  std::string names;
  for (const json::value& item : author->get_array()) {
    const std::string name = item.is_object() ? string_field(item.get_object(), "name") : "";
    if (name.empty()) continue;
    if (!names.empty()) names += ", ";
    names += name;
  }
  return names;
}

std::string image_url(const json::value* image) {
  if (image == nullptr) return {};
  if (image->is_string()) return std::string(image->get_string());
  if (image->is_object()) return string_field(image->get_object(), "url");
  if (image->is_array() && !image->get_array().empty()) return image_url(&image->get_array()[0]);
  return {};
}

std::string choose_title(const json::object& object, std::string_view page_title) {
  const json::value* name = object.if_contains("name");
  const json::value* headline = object.if_contains("headline");
  if (name && headline && name->is_string() && headline->is_string() &&
      name->get_string() != headline->get_string()) {
    // Some sites (aktualne.cz) put their own name into "name": trust the one like <title>.
    const bool name_matches = text_similarity(name->get_string(), page_title) > 0.75;
    const bool headline_matches = text_similarity(headline->get_string(), page_title) > 0.75;
    return std::string(headline_matches && !name_matches ? headline->get_string()
                                                         : name->get_string());
  }
  std::string title = string_field(object, "name");
  return title.empty() ? string_field(object, "headline") : title;
}

JsonLdArticle to_article(const json::object& object, std::string_view page_title) {
  JsonLdArticle article;
  article.found = true;
  article.title = choose_title(object, page_title);
  article.byline = author_names(object.if_contains("author"));
  article.excerpt = string_field(object, "description");
  if (const json::value* publisher = object.if_contains("publisher");
      publisher && publisher->is_object()) {
    article.site_name = string_field(publisher->get_object(), "name");
  }
  article.published = string_field(object, "datePublished");
  article.image = image_url(object.if_contains("image"));
  article.body = string_field(object, "articleBody");
  article.language = string_field(object, "inLanguage");
  return article;
}

std::string_view strip_cdata(std::string_view text) {
  text = trim_js_space(text);
  if (text.starts_with("<![CDATA[")) text.remove_prefix(9);
  if (text.ends_with("]]>")) text.remove_suffix(3);
  return text;
}

}  // namespace

JsonLdArticle read_json_ld(pugi::xml_node html, std::string_view page_title) {
  for (pugi::xml_node script : elements_named(html, {"script"})) {
    if (attribute_of(script, "type") != "application/ld+json") continue;
    const std::string content = text_content(script);
    boost::system::error_code error;
    const json::value parsed = json::parse(strip_cdata(content), error);
    if (error) continue;
    if (const json::object* object = article_object(parsed)) return to_article(*object, page_title);
  }
  return {};
}

}  // namespace feeds::detail
