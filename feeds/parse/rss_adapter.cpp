// RSS 0.9x/2.0 and RSS 1.0/0.90 (RDF) into the model: parse-output.md §3 and §4.
#include <string>

#include "feeds/html/text.hpp"
#include "feeds/parse/adapters.hpp"
#include "feeds/parse/date.hpp"
#include "feeds/parse/fields.hpp"
#include "feeds/parse/rss_extensions.hpp"
#include "feeds/parse/xml_node.hpp"

namespace feeds {
namespace {

using xml::first_child;
using xml::is_element;
using xml::last_child;
using xml::text_of;

struct RssScope {
  std::string_view prefix;  ///< "" for RSS 0.9x/2.0, "rss1"/"rss090" for RDF
  bool rdf = false;
  std::string_view document_base;
  std::string channel_link;  ///< for relative item links when the document URL is unknown
  const ParseLimits& limits;
};

/// The base for an element's URLs: xml:base in scope, else the document URL, else the
/// channel link (parse-output.md §7 rule 3: `<link>/posts/1</link>` with no document URL).
/// A resolved xml:base is kept in `storage`.
std::string_view base_for(pugi::xml_node node, const RssScope& scope, std::string& storage) {
  auto base = xml::base_in_scope(node, scope.document_base, storage);
  return base.empty() ? std::string_view(scope.channel_link) : base;
}

pugi::xml_node rss_child(const xml::Children& parent, const RssScope& scope,
                         std::string_view local) {
  if (auto node = parent.last(scope.prefix, local)) return node;
  // RDF feeds that put RSS elements in no namespace, and RSS with RDF-namespaced ones.
  return scope.prefix.empty() ? pugi::xml_node{} : parent.last("", local);
}

std::optional<std::string> untyped_child_text(const xml::Children& parent, const RssScope& scope,
                                              std::string_view local) {
  auto node = rss_child(parent, scope, local);
  std::string storage;
  return node ? untyped_plain_text(xml::raw_content_view(node, storage)) : std::nullopt;
}

/// The item's link: <link>, else a permalink guid that is an absolute http(s) URL.
std::optional<std::string> find_item_link(const xml::Children& item, const RssScope& scope) {
  std::string base_storage;
  const auto base = base_for(item.parent(), scope, base_storage);
  if (auto link = item.first(scope.prefix, "link")) {
    // Atom-style <link href="..."/> in RSS items: seen in podcast feeds (wellformed/psc).
    std::string storage;
    const std::string_view target =
        xml::is_blank(link) ? link.attribute("href").value() : xml::text_view_of(link, storage);
    if (auto url = url_field(target, base)) return url;
  }
  if (scope.rdf) return std::nullopt;
  auto guid = item.last("", "guid");
  if (!guid) return std::nullopt;
  std::string_view permalink = xml::attribute(guid, "isPermaLink").value();
  if (!permalink.empty() && permalink != "true") return std::nullopt;
  std::string storage;
  auto url = url_field(xml::text_view_of(guid, storage), base);
  if (url && (url->starts_with("http://") || url->starts_with("https://"))) return url;
  return std::nullopt;
}

std::optional<std::string> find_item_id(const xml::Children& item, const RssScope& scope) {
  if (scope.rdf) {
    if (auto about = item.parent().attribute("rdf:about"); about && !trim(about.value()).empty())
      return std::string(trim(about.value()));
    if (auto identifier = item.last("dc", "identifier")) return xml::trimmed_text_of(identifier);
    return std::nullopt;
  }
  auto guid = item.last("", "guid");
  if (!guid) guid = item.last("", "id");  // Atom-style <id> in RSS
  if (!guid) return std::nullopt;
  return xml::trimmed_text_of(guid);
}

/// The element holding the item's summary: description, dc:description, itunes:summary or
/// media:description (also inside media:group), as feedparser reads them.
pugi::xml_node find_summary_node(const xml::Children& item, const RssScope& scope) {
  if (auto node = rss_child(item, scope, "description")) return node;
  if (auto node = item.last("dc", "description")) return node;
  if (auto node = item.last("itunes", "summary")) return node;
  if (auto node = item.last("media", "description")) return node;
  if (auto group = item.last("media", "group")) return last_child(group, "media", "description");
  return {};
}

/// The item's HTML: content:encoded, xhtml:body, <body> or <fullitem>, else the summary's element.
pugi::xml_node find_content_node(const xml::Children& item, const RssScope& scope) {
  if (auto node = item.last("content", "encoded"); node && !xml::is_blank(node)) return node;
  if (auto node = item.last("xhtml", "body")) return node;
  if (auto node = item.last("", "body")) return node;
  if (auto node = item.last("", "fullitem")) return node;
  return find_summary_node(item, scope);
}

std::optional<std::string> find_item_title(const xml::Children& item, const RssScope& scope) {
  if (auto title = untyped_child_text(item, scope, "title")) return title;
  if (auto node = item.last("dc", "title")) return untyped_plain_text(xml::raw_content(node));
  if (auto node = item.last("media", "title")) return untyped_plain_text(xml::raw_content(node));
  return std::nullopt;
}

/// The content, and the summary when the summary's element is also the content's and its text
/// came out of sanitizing unchanged (an item with only a description): one pass, not two.
void map_item_content(const xml::Children& item, const RssScope& scope, pugi::xml_node summary_node,
                      Item& out) {
  auto node = find_content_node(item, scope);
  if (!node) return;
  bool xhtml = is_element(node, "xhtml", "body") || is_element(node, "", "body");
  std::string storage;
  const std::string_view raw = xhtml ? std::string_view(storage = xml::inner_html(node))
                                     : xml::raw_content_view(node, storage);
  std::string base_storage;
  auto content = content_fields(raw, TextKind::html, base_for(node, scope, base_storage));
  out.content_html = std::move(content.html);
  if (content.text && node == summary_node && content.text_is_raw_text && looks_like_html(raw))
    out.summary = content.text;  // untyped_plain_text(raw)
  if (content.text) out.content_text = std::move(content.text);
}

Item map_item(pugi::xml_node node, const RssScope& scope) {
  const xml::Children item(node);
  Item out;
  out.id = find_item_id(item, scope);
  out.url = find_item_link(item, scope);
  out.title = find_item_title(item, scope);
  const auto summary_node = find_summary_node(item, scope);
  map_item_content(item, scope, summary_node, out);
  if (summary_node && !out.summary) {
    std::string storage;
    out.summary = untyped_plain_text(xml::raw_content_view(summary_node, storage));
  }
  if (!out.summary && out.content_text) out.summary = out.content_text;  // feedparser copies content
  map_item_dates(item, out);
  map_item_authors(item, scope.rdf, out);
  map_item_tags(item, out);
  std::string base_storage;
  map_item_attachments(item, base_for(node, scope, base_storage), out);
  if (auto link = item.last("feedburner", "origLink"))
    out.orig_link = url_field(text_of(link), base_for(link, scope, base_storage));
  if (auto link = item.last("", "comments"))
    out.comments_url = url_field(text_of(link), base_for(link, scope, base_storage));
  finish_item(out, scope.limits);
  return out;
}

void map_channel(pugi::xml_node channel, const RssScope& scope, Feed& feed) {
  const xml::Children children(channel);
  feed.title = untyped_child_text(children, scope, "title");
  if (!feed.title) {
    if (auto node = last_child(channel, "dc", "title")) feed.title = untyped_plain_text(xml::raw_content(node));
  }
  std::string base_storage;
  if (auto link = first_child(channel, scope.prefix, "link"))
    feed.home_page_url = url_field(text_of(link), base_for(link, scope, base_storage));
  feed.description = untyped_child_text(children, scope, "description");
  if (!feed.description) {
    if (auto node = last_child(channel, "dc", "description")) feed.description = untyped_plain_text(text_of(node));
  }
  if (!feed.description) {
    if (auto node = last_child(channel, "itunes", "subtitle")) feed.description = untyped_plain_text(text_of(node));
  }
  if (!feed.description) {
    if (auto node = last_child(channel, "itunes", "summary")) feed.description = untyped_plain_text(text_of(node));
  }
  map_channel_language(channel, feed);
  map_channel_image(channel, scope.prefix, base_for(channel, scope, base_storage), feed);
  map_channel_authors(channel, feed);
  map_channel_links(channel, base_for(channel, scope, base_storage), feed);
  map_polling_hints(channel, feed.hints);
}

/// Items are channel/item, and also item elements beside the channel (RSS 1.0 and broken 2.0).
void map_items(pugi::xml_node root, pugi::xml_node channel, const RssScope& scope, Feed& feed) {
  auto map_children = [&](pugi::xml_node parent) {
    for (auto child : parent.children()) {
      if (!is_element(child, scope.prefix, "item") && !(scope.rdf && is_element(child, "", "item"))) continue;
      if (feed.items.size() >= scope.limits.max_items) {
        feed.warnings.push_back("rss: more than " + std::to_string(scope.limits.max_items) + " items; the rest were dropped");
        return;
      }
      feed.items.push_back(map_item(child, scope));
    }
  };
  if (channel) map_children(channel);
  map_children(root);
}

}  // namespace

void map_rss(pugi::xml_node root, const AdapterContext& context, Feed& feed) {
  bool rdf = feed.format == SourceFormat::rdf;
  std::string_view prefix;
  if (rdf) {
    prefix = "rss1";
    for (auto child : root.children())
      if (xml::prefix_of(child.name()) == "rss090") prefix = "rss090";
  }
  RssScope scope{prefix, rdf, context.base_url, {}, context.limits};
  auto channel = first_child(root, prefix, "channel");
  if (!channel && rdf) channel = first_child(root, "", "channel");
  if (channel) {
    if (auto link = first_child(channel, prefix, "link")) scope.channel_link = xml::trimmed_text_of(link);
    map_channel(channel, scope, feed);
  }
  map_items(root, channel, scope, feed);
}

}  // namespace feeds
