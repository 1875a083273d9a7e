// Atom 1.0 (RFC 4287) and Atom 0.3 into the model: parse-output.md §3 and §4.
#include <string>

#include "feeds/html/text.hpp"
#include "feeds/ascii.hpp"
#include "feeds/parse/adapters.hpp"
#include "feeds/parse/base64.hpp"
#include "feeds/parse/date.hpp"
#include "feeds/parse/encoding.hpp"
#include "feeds/parse/fields.hpp"
#include "feeds/parse/xml_node.hpp"
#include "feeds/url/resolve.hpp"

namespace feeds {
namespace {

using xml::is_element;
using xml::text_of;

struct AtomScope {
  std::string_view prefix;  ///< "atom" (1.0), "atom03" (0.3) or "" (no namespace)
  bool atom03 = false;
  std::string_view document_base;
  const ParseLimits& limits;
};

struct TextConstruct {
  std::string raw;
  TextKind kind = TextKind::text;
};

/// An xhtml construct's markup: the children of its wrapper <div> (RFC 4287 §3.1.1.3).
std::string xhtml_markup(pugi::xml_node node) {
  pugi::xml_node only_element;
  int elements = 0;
  for (auto child : node.children()) {
    if (child.type() == pugi::node_element) {
      only_element = child;
      ++elements;
    } else if (child.type() == pugi::node_pcdata && !trim(child.value()).empty()) {
      elements = 2;
    }
  }
  if (elements == 1 && xml::local_name(only_element.name()) == "div") return xml::inner_html(only_element);
  return xml::inner_html(node);
}

/// Reads a text construct; Atom 0.3 also has mode="escaped|base64|xml" and MIME types.
std::optional<TextConstruct> read_text_construct(pugi::xml_node node) {
  if (!node) return std::nullopt;
  auto type = ascii_lower(trim(node.attribute("type").value()));
  auto mode = ascii_lower(trim(node.attribute("mode").value()));
  TextConstruct out;
  if (type == "xhtml" || type == "application/xhtml+xml" || mode == "xml") {
    out.kind = TextKind::xhtml;
    out.raw = xhtml_markup(node);
    return out;
  }
  out.kind = (type == "html" || type == "text/html") ? TextKind::html : TextKind::text;
  if (type.empty() && xml::has_child_elements(node)) out.kind = TextKind::html;
  out.raw = xml::raw_content(node);
  // RFC 4287 §4.1.3.3: any other media type is base64; feedparser shows it as text.
  bool other_type = !type.empty() && type != "text" && type != "html" && !type.starts_with("text/") &&
                    !type.ends_with("xml");
  if (mode == "base64" || other_type) {
    auto decoded = decode_base64(out.raw);
    if (!decoded) return std::nullopt;
    out.raw = repair_utf8(*decoded);  // decoded bytes are anything at all (found by fuzz_feed)
  }
  return out;
}

std::optional<std::string> construct_text(pugi::xml_node node) {
  auto construct = read_text_construct(node);
  if (!construct) return std::nullopt;
  return plain_text(construct->raw, construct->kind);
}

std::string_view link_rel(pugi::xml_node link) {
  std::string_view rel = trim(link.attribute("rel").value());
  return rel.empty() ? "alternate" : rel;
}

bool is_html_type(std::string_view type) {
  auto value = ascii_lower(trim(type.substr(0, type.find(';'))));
  return value.empty() || value == "text/html" || value == "application/xhtml+xml";
}

/// A link's target: @href, else its text (feedparser accepts <link>http://...</link> in Atom).
std::optional<std::string> link_href(pugi::xml_node link, const AtomScope& scope) {
  auto href = link.attribute("href");
  std::string storage, base_storage;
  const std::string_view target = href ? href.value() : xml::text_view_of(link, storage);
  return url_field(target, xml::base_in_scope(link, scope.document_base, base_storage));
}

/// The first rel="alternate" link with an HTML type, resolved; and rel="self"/"hub".
std::optional<std::string> find_link(const xml::Children& parent, const AtomScope& scope,
                                     std::string_view rel) {
  const xml::ElementName link{scope.prefix, "link"};
  for (const auto& entry : parent) {
    if (!entry.is(link) || link_rel(entry.node) != rel) continue;
    if (rel == "alternate" && !is_html_type(entry.node.attribute("type").value())) continue;
    if (auto href = link_href(entry.node, scope)) return href;
  }
  return std::nullopt;
}

/// An Atom id is an IRI: feedparser resolves it against the base, and when there is no
/// alternate link an http(s) id serves as the link (tests wellformed/atom10/entry_id*.xml).
std::optional<std::string> read_id(const xml::Children& parent, const AtomScope& scope) {
  auto id = parent.last(scope.prefix, "id");
  if (!id) return std::nullopt;
  auto text = text_of(id);
  auto value = trim(text);
  if (value.empty()) return std::nullopt;
  std::string base_storage;
  auto resolved = resolve_url(xml::base_in_scope(id, scope.document_base, base_storage), value);
  return resolved ? *resolved : std::string(value);
}

bool is_http_url(const std::optional<std::string>& url) {
  return url && (url->starts_with("http://") || url->starts_with("https://"));
}

Person read_person(pugi::xml_node node, const AtomScope& scope) {
  Person person;
  auto field = [&](std::string_view local) -> std::optional<std::string> {
    auto child = xml::first_child(node, scope.prefix, local);
    if (!child) return std::nullopt;
    std::string storage;
    auto value = collapse_whitespace(xml::text_view_of(child, storage));
    if (value.empty()) return std::nullopt;
    return value;
  };
  person.name = field("name");
  person.email = field("email");
  auto uri = xml::first_child(node, scope.prefix, "uri");
  if (!uri) uri = xml::first_child(node, scope.prefix, "url");  // Atom 0.3, and 1.0 feeds written as 0.3
  if (uri) {
    std::string storage, base_storage;
    person.url = url_field(xml::text_view_of(uri, storage),
                           xml::base_in_scope(uri, scope.document_base, base_storage));
  }
  // Atom 0.3 feeds in the wild put the name directly in <author>.
  if (!person.name && !person.email && !person.url && !xml::has_child_elements(node)) {
    auto text = collapse_whitespace(text_of(node));
    if (!text.empty()) person = parse_person_text(text);
  }
  return person;
}

void map_people(const xml::Children& parent, const AtomScope& scope, std::vector<Person>& out) {
  const xml::ElementName author{scope.prefix, "author"};
  for (const auto& entry : parent)
    if (entry.is(author)) add_person(out, read_person(entry.node, scope));
}

std::optional<TimePoint> last_date(const xml::Children& parent,
                                   std::initializer_list<xml::ElementName> names) {
  std::optional<TimePoint> found;
  for (const auto& entry : parent) {
    for (const auto& name : names) {
      if (!entry.is(name)) continue;
      std::string storage;
      if (auto date = parse_date(xml::text_view_of(entry.node, storage))) found = date;
    }
  }
  return found;
}

void map_entry_content(const xml::Children& entry, const AtomScope& scope, Item& out) {
  auto content = entry.last(scope.prefix, "content");
  std::optional<TextConstruct> construct;
  pugi::xml_node source = content;
  if (content && !content.attribute("src")) construct = read_text_construct(content);
  if (!construct || trim(construct->raw).empty()) {
    source = entry.last(scope.prefix, "summary");
    construct = read_text_construct(source);
  }
  if (!construct) return;
  std::string base_storage;
  auto fields = content_fields(construct->raw, construct->kind,
                               xml::base_in_scope(source, scope.document_base, base_storage));
  out.content_html = std::move(fields.html);
  if (fields.text) out.content_text = std::move(fields.text);
}

void map_entry_extras(const xml::Children& entry, const AtomScope& scope, Item& out) {
  const xml::ElementName category{scope.prefix, "category"}, link{scope.prefix, "link"};
  static constexpr xml::ElementName orig_link{"feedburner", "origLink"};
  for (const auto& child : entry) {
    const pugi::xml_node node = child.node;
    if (child.is(category)) {
      std::string_view term = trim(node.attribute("term").value());
      add_tag(out.tags, term.empty() ? node.attribute("label").value() : term);
    } else if (child.is(link) && link_rel(node) == "enclosure") {
      Attachment attachment;
      attachment.url = link_href(node, scope).value_or("");
      if (auto type = trim(node.attribute("type").value()); !type.empty())
        attachment.mime_type = std::string(type);
      attachment.size_in_bytes = parse_length(node.attribute("length").value());
      add_attachment(out.attachments, std::move(attachment));
    } else if (child.is(orig_link)) {
      std::string storage, base_storage;
      out.orig_link = url_field(xml::text_view_of(node, storage),
                                xml::base_in_scope(node, scope.document_base, base_storage));
    }
  }
}

Item map_entry(pugi::xml_node node, const AtomScope& scope) {
  const xml::Children entry(node);
  Item out;
  out.id = read_id(entry, scope);
  out.url = find_link(entry, scope, "alternate");
  if (!out.url && is_http_url(out.id)) out.url = out.id;
  out.title = construct_text(entry.last(scope.prefix, "title"));
  map_entry_content(entry, scope, out);
  out.summary = construct_text(entry.last(scope.prefix, "summary"));
  if (!out.summary && out.content_text) out.summary = out.content_text;  // feedparser copies content
  // feedparser's date classes, shared by 0.3 and 1.0 names; `updated` falls back to published.
  const std::string_view prefix = scope.prefix;
  auto published = last_date(entry, {{prefix, "published"}, {prefix, "issued"}});
  auto updated = last_date(entry, {{prefix, "updated"}, {prefix, "modified"}});
  out.date_published = published ? published
                       : updated ? updated
                                 : last_date(entry, {{prefix, "created"}});
  out.date_modified = updated ? updated : published;
  map_people(entry, scope, out.authors);
  map_entry_extras(entry, scope, out);
  finish_item(out, scope.limits);
  return out;
}

void map_feed_metadata(pugi::xml_node node, const AtomScope& scope, Feed& feed) {
  const xml::Children root(node);
  feed.title = construct_text(root.last(scope.prefix, "title"));
  feed.home_page_url = find_link(root, scope, "alternate");
  if (!feed.home_page_url) {
    if (auto id = read_id(root, scope); is_http_url(id)) feed.home_page_url = id;
  }
  feed.feed_url = find_link(root, scope, "self");
  feed.websub_hub = find_link(root, scope, "hub");
  feed.description = construct_text(root.last(scope.prefix, scope.atom03 ? "tagline" : "subtitle"));
  if (!feed.description && !scope.atom03)
    feed.description = construct_text(root.last(scope.prefix, "tagline"));
  if (auto lang = trim(node.attribute("xml:lang").value()); !lang.empty())
    feed.language = std::string(lang);
  auto logo = root.last(scope.prefix, "logo");
  if (!logo) logo = root.last(scope.prefix, "icon");
  if (logo) {
    std::string base_storage;
    feed.icon =
        url_field(text_of(logo), xml::base_in_scope(logo, scope.document_base, base_storage));
  }
  map_people(root, scope, feed.authors);
}

}  // namespace

void map_atom(pugi::xml_node root, const AdapterContext& context, Feed& feed) {
  bool atom03 = feed.format == SourceFormat::atom03;
  AtomScope scope{xml::prefix_of(root.name()), atom03, context.base_url, context.limits};
  map_feed_metadata(root, scope, feed);
  for (auto child : root.children()) {
    // <item> in an Atom feed is read as an entry, as feedparser does.
    if (!is_element(child, scope.prefix, "entry") && !is_element(child, scope.prefix, "item")) continue;
    if (feed.items.size() >= context.limits.max_items) {
      feed.warnings.push_back("atom: more than " + std::to_string(context.limits.max_items) +
                              " entries; the rest were dropped");
      break;
    }
    feed.items.push_back(map_entry(child, scope));
  }
}

}  // namespace feeds
