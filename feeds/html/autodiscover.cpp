#include "feeds/html/autodiscover.hpp"
#include "feeds/ascii.hpp"

#include <algorithm>
#include <cctype>

#include <pugixml.hpp>

#include "feeds/html/dom.hpp"
#include "feeds/html/page_charset.hpp"
#include "feeds/url/resolve.hpp"

namespace feeds {
namespace {

bool has_token(std::string_view list, std::string_view token) {
  auto words = ascii_lower(list);
  std::size_t start = 0;
  while (start < words.size()) {
    auto end = words.find_first_of(" \t\n\r\f", start);
    if (end == std::string::npos) end = words.size();
    if (std::string_view(words).substr(start, end - start) == token) return true;
    start = end + 1;
  }
  return false;
}

bool is_feed_type(std::string_view type) {
  auto value = ascii_lower(type.substr(0, type.find(';')));
  return value == "application/rss+xml" || value == "application/atom+xml" || value == "application/rdf+xml" ||
         value == "application/feed+json" || value == "application/json" || value == "application/x.atom+xml" ||
         value == "text/xml" || value == "application/xml";
}

/// The base for the page's links: its <base href> when present, else its URL.
std::string page_base(pugi::xml_node html, std::string_view page_url) {
  auto base = html.select_node("//base[@href]").node();
  if (!base) return std::string(page_url);
  return resolve_url(page_url, base.attribute("href").value()).value_or(std::string(page_url));
}

}  // namespace

std::vector<DiscoveredFeed> discover_feeds(std::string_view page, std::string_view page_url,
                                           std::string_view content_type) {
  auto decoded = decode_html_page(page, content_type);
  pugi::xml_document document;
  parse_html_document(decoded.utf8, document);
  auto html = document.document_element();
  auto base = page_base(html, page_url);
  std::vector<DiscoveredFeed> feeds;
  for (const auto& selected : html.select_nodes("//link[@href]")) {
    auto link = selected.node();
    std::string_view rel = link.attribute("rel").value();
    if (!has_token(rel, "alternate") && !has_token(rel, "feed")) continue;
    std::string_view type = link.attribute("type").value();
    if (!is_feed_type(type)) continue;
    auto url = resolve_safe_url(base, link.attribute("href").value());
    if (!url || !(url->starts_with("http://") || url->starts_with("https://"))) continue;
    bool seen = std::any_of(feeds.begin(), feeds.end(), [&](const DiscoveredFeed& feed) { return feed.url == *url; });
    if (!seen) feeds.push_back(DiscoveredFeed{*url, ascii_lower(type), link.attribute("title").value()});
  }
  return feeds;
}

bool looks_like_html_page(std::string_view bytes) {
  auto head = ascii_lower(bytes.substr(0, 1024));
  return head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos;
}

}  // namespace feeds
