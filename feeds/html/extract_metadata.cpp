// Article metadata from meta tags (Readability's _getArticleMetadata and _getArticleTitle), with
// fallbacks Readability does not look at: images, dates, language, canonical and next links.
#include "feeds/html/extract_metadata.hpp"
#include "feeds/ascii.hpp"

#include <map>

#include "feeds/html/extract_dom.hpp"
#include "feeds/html/extract_patterns.hpp"
#include "feeds/url/resolve.hpp"

namespace feeds::detail {
namespace {

using MetaValues = std::map<std::string, std::string, std::less<>>;

std::string without_spaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') out += c;
  }
  return out;
}

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (text == word) return true;
  }
  return false;
}

/// "og:title" from a property list such as "og:title twitter:title" (the first that qualifies).
std::string property_key(std::string_view property) {
  const std::string lower = ascii_lower(property);
  std::size_t start = 0;
  while (start < lower.size()) {
    std::size_t end = lower.find_first_of(" \t\n", start);
    if (end == std::string::npos) end = lower.size();
    const std::string_view token = std::string_view(lower).substr(start, end - start);
    const std::size_t colon = token.find(':');
    if (colon != std::string_view::npos &&
        is_one_of(token.substr(0, colon), {"article", "dc", "dcterm", "og", "twitter"}) &&
        is_one_of(token.substr(colon + 1), {"author", "creator", "description", "published_time",
                                            "title", "site_name"})) {
      return std::string(token);
    }
    start = end + 1;
  }
  return {};
}

/// "dc:title" from name="DC.title"; empty unless it is one of the names Readability reads.
std::string name_key(std::string_view name) {
  std::string key = without_spaces(ascii_lower(name));
  for (char& c : key) {
    if (c == '.') c = ':';
  }
  static constexpr std::string_view fields[] = {"author", "creator", "pub-date", "description",
                                                "title",  "site_name"};
  for (std::string_view field : fields) {
    if (key == field) return key;
    if (!key.ends_with(field) || key.size() < field.size() + 2) continue;
    const std::string_view prefix = std::string_view(key).substr(0, key.size() - field.size() - 1);
    const char separator = key[key.size() - field.size() - 1];
    if ((separator == '-' || separator == ':') &&
        is_one_of(prefix, {"dc", "dcterm", "og", "twitter", "parsely", "weibo:article",
                           "weibo:webpage"})) {
      return key;
    }
  }
  return {};
}

/// Readability's values (keys as above) plus every other meta name/property, lower-cased.
MetaValues read_meta_values(pugi::xml_node html, MetaValues& all) {
  MetaValues values;
  for (pugi::xml_node meta : elements_named(html, {"meta"})) {
    const std::string content(trim_js_space(attribute_of(meta, "content")));
    if (content.empty()) continue;
    const std::string property = property_key(attribute_of(meta, "property"));
    const std::string name = property.empty() ? name_key(attribute_of(meta, "name")) : "";
    if (!property.empty()) values[property] = content;
    if (!name.empty()) values[name] = content;
    for (const char* attribute : {"property", "name", "itemprop", "http-equiv"}) {
      const std::string key = ascii_lower(trim_js_space(attribute_of(meta, attribute)));
      if (!key.empty()) all.try_emplace(key, content);
    }
  }
  return values;
}

std::string first_of(const MetaValues& values, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    auto found = values.find(key);
    if (found != values.end() && !found->second.empty()) return found->second;
  }
  return {};
}

bool is_absolute_url(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = text[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
      return false;
    }
  }
  return true;
}

std::string resolved(std::string_view base, std::string_view reference) {
  if (trim_js_space(reference).empty()) return {};
  return resolve_safe_url(base, reference).value_or("");
}

std::string link_href(pugi::xml_node html, std::string_view rel) {
  for (pugi::xml_node link : elements_named(html, {"link"})) {
    std::string rels(1, ' ');
    rels.append(ascii_lower(attribute_of(link, "rel"))).push_back(' ');
    std::string wanted(1, ' ');
    wanted.append(rel).push_back(' ');
    if (rels.find(wanted) != std::string::npos) {
      return std::string(attribute_of(link, "href"));
    }
  }
  return {};
}

/// Dates Readability does not read: plain meta names, itemprop and <time pubdate>.
std::string fallback_published(pugi::xml_node html, const MetaValues& all) {
  std::string date = first_of(all, {"article:published_time", "og:published_time", "date",
                                    "pubdate", "publishdate", "publish-date", "dc.date.issued",
                                    "dc.date", "dcterms.created", "sailthru.date",
                                    "datepublished"});
  if (!date.empty()) return date;
  for (pugi::xml_node node : elements_named(html, {"time"})) {
    const bool marked = node.attribute("pubdate") ||
                        attribute_of(node, "itemprop").find("datePublished") != std::string_view::npos;
    if (marked && !attribute_of(node, "datetime").empty()) {
      return std::string(attribute_of(node, "datetime"));
    }
  }
  return {};
}

std::string language_of(pugi::xml_node html, const MetaValues& all, const JsonLdArticle& json_ld) {
  std::string language(trim_js_space(attribute_of(html, "lang")));
  if (language.empty()) language = first_of(all, {"content-language", "dc.language"});
  if (language.empty()) {
    language = first_of(all, {"og:locale"});
    for (char& c : language) {
      if (c == '_') c = '-';
    }
  }
  return language.empty() ? json_ld.language : language;
}

}  // namespace

PageMetadata read_metadata(pugi::xml_node html, const JsonLdArticle& json_ld,
                           std::string_view page_url) {
  MetaValues all;
  const MetaValues values = read_meta_values(html, all);
  PageMetadata meta;
  meta.title = json_ld.title;
  if (meta.title.empty()) {
    meta.title = first_of(values, {"dc:title", "dcterm:title", "og:title", "weibo:article:title",
                                   "weibo:webpage:title", "title", "twitter:title",
                                   "parsely-title"});
  }
  if (meta.title.empty()) meta.title = article_title(html);
  std::string article_author = first_of(values, {"article:author"});
  if (is_absolute_url(article_author)) article_author.clear();
  meta.byline = json_ld.byline;
  if (meta.byline.empty()) {
    meta.byline = first_of(values, {"dc:creator", "dcterm:creator", "author", "parsely-author"});
  }
  if (meta.byline.empty()) meta.byline = article_author;
  meta.excerpt = json_ld.excerpt;
  if (meta.excerpt.empty()) {
    meta.excerpt = first_of(values, {"dc:description", "dcterm:description", "og:description",
                                     "weibo:article:description", "weibo:webpage:description",
                                     "description", "twitter:description"});
  }
  meta.site_name = json_ld.site_name.empty() ? first_of(values, {"og:site_name"}) : json_ld.site_name;
  meta.published = json_ld.published;
  if (meta.published.empty()) meta.published = first_of(values, {"article:published_time", "parsely-pub-date"});
  if (meta.published.empty()) meta.published = fallback_published(html, all);
  for (std::string* text : {&meta.title, &meta.byline, &meta.excerpt, &meta.site_name}) {
    *text = unescape_basic_entities(*text);
  }
  std::string image = json_ld.image;
  if (image.empty()) {
    image = first_of(all, {"og:image", "og:image:url", "og:image:secure_url", "twitter:image",
                           "twitter:image:src"});
  }
  if (image.empty()) image = link_href(html, "image_src");
  meta.lead_image = resolved(page_url, image);
  std::string canonical = link_href(html, "canonical");
  if (canonical.empty()) canonical = first_of(all, {"og:url"});
  meta.canonical_url = resolved(page_url, canonical);
  if (meta.canonical_url.empty()) meta.canonical_url = std::string(page_url);
  meta.language = language_of(html, all, json_ld);
  meta.next_page = resolved(page_url, link_href(html, "next"));
  meta.declares_article = json_ld.found || ascii_lower(first_of(all, {"og:type"})) == "article";
  return meta;
}

}  // namespace feeds::detail
