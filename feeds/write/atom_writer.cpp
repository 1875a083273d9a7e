#include "feeds/write/atom_writer.hpp"

#include "feeds/parse/date.hpp"
#include "feeds/write/xml_output.hpp"

namespace feeds {
namespace {

using xml_output::add_text_element;
using xml_output::set_attribute;

std::optional<TimePoint> entry_date(const MergedEntry& entry) {
  return entry.updated ? entry.updated : entry.published;
}

void add_link(pugi::xml_node parent, std::string_view rel, std::string_view href,
              std::string_view type = {}, std::string_view title = {}) {
  auto link = parent.append_child("link");
  set_attribute(link, "rel", rel);
  set_attribute(link, "href", href);
  if (!type.empty()) set_attribute(link, "type", type);
  if (!title.empty()) set_attribute(link, "title", title);
}

void add_date(pugi::xml_node parent, const char* name, TimePoint date) {
  add_text_element(parent, name, format_rfc3339(date));
}

/// Atom requires a name; a person known only by e-mail or URL is named by it.
void add_author(pugi::xml_node entry, const Person& person, std::string_view fallback_name) {
  auto author = entry.append_child("author");
  std::string_view name = person.name    ? *person.name
                          : person.email ? *person.email
                          : person.url   ? *person.url
                                         : fallback_name;
  add_text_element(author, "name", name);
  if (person.url) add_text_element(author, "uri", *person.url);
  if (person.email) add_text_element(author, "email", *person.email);
}

void add_source(pugi::xml_node entry, const EntrySource& source) {
  auto element = entry.append_child("source");
  add_text_element(element, "id", source.feed_url);
  add_text_element(element, "title", source.feed_title);
  add_link(element, "self", source.feed_url);
  if (source.feed_home_url) add_link(element, "alternate", *source.feed_home_url, "text/html");
}

void add_links(pugi::xml_node element, const MergedEntry& entry) {
  if (entry.url) add_link(element, "alternate", *entry.url, "text/html");
  for (std::size_t i = 1; i < entry.sources.size(); ++i)
    add_link(element, "via", entry.sources[i].feed_url, {}, entry.sources[i].feed_title);
  for (const auto& attachment : entry.attachments) {
    auto link = element.append_child("link");
    set_attribute(link, "rel", "enclosure");
    set_attribute(link, "href", attachment.url);
    if (attachment.mime_type) set_attribute(link, "type", *attachment.mime_type);
    if (attachment.size_in_bytes)
      set_attribute(link, "length", std::to_string(*attachment.size_in_bytes));
  }
}

void add_entry(pugi::xml_node root, const MergedEntry& entry, TimePoint fallback_updated) {
  auto element = root.append_child("entry");
  add_text_element(element, "id", entry.id);
  set_attribute(add_text_element(element, "title", entry.title.value_or("")), "type", "text");
  add_links(element, entry);
  if (entry.published) add_date(element, "published", *entry.published);
  add_date(element, "updated", entry_date(entry).value_or(fallback_updated));
  std::string_view source_title =
      entry.sources.empty() ? std::string_view{} : entry.sources.front().feed_title;
  for (const auto& person : entry.authors) add_author(element, person, source_title);
  if (entry.authors.empty()) add_author(element, Person{}, source_title);
  for (const auto& tag : entry.tags) set_attribute(element.append_child("category"), "term", tag);
  if (entry.summary)
    set_attribute(add_text_element(element, "summary", *entry.summary), "type", "text");
  set_attribute(add_text_element(element, "content", entry.content_html), "type", "html");
  if (!entry.sources.empty()) add_source(element, entry.sources.front());
}

}  // namespace

std::string write_atom(const MergedFeed& feed) {
  pugi::xml_document document;
  xml_output::add_declaration(document);
  auto root = document.append_child("feed");
  set_attribute(root, "xmlns", "http://www.w3.org/2005/Atom");
  add_text_element(root, "id", feed.id);
  set_attribute(add_text_element(root, "title", feed.title), "type", "text");
  // RFC 4287 §4.2.15 requires <updated>; a pure writer has no clock, so the epoch is last.
  auto updated = latest_update(feed).value_or(TimePoint{});
  add_date(root, "updated", updated);
  add_link(root, "self", feed.self_url, "application/atom+xml");
  if (!feed.home_url.empty()) add_link(root, "alternate", feed.home_url, "text/html");
  add_text_element(root, "generator", feed.generator);
  for (const auto& entry : feed.entries) add_entry(root, entry, updated);
  return xml_output::to_string(document);
}

}  // namespace feeds
