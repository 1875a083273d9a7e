#include "feeds/write/rss_writer.hpp"

#include <array>
#include <cstdio>

#include "feeds/html/sanitize.hpp"
#include "feeds/html/text.hpp"
#include "feeds/write/xml_output.hpp"

namespace feeds {
namespace {

using xml_output::add_text_element;
using xml_output::set_attribute;

bool is_http_url(std::string_view text) {
  return text.starts_with("http://") || text.starts_with("https://");
}

std::string_view footer_target(const EntrySource& source) {
  if (source.url) return *source.url;
  if (source.feed_home_url) return *source.feed_home_url;
  return source.feed_url;
}

std::string_view creator_name(const Person& person) {
  if (person.name) return *person.name;
  return person.url ? std::string_view(*person.url) : std::string_view{};
}

/// RSS 2.0 <author> must hold an e-mail address ("jane@example.org (Jane Doe)"); a person
/// without one is a dc:creator.
void add_author(pugi::xml_node item, const Person& person) {
  if (person.email) {
    add_text_element(item, "author",
                     person.name ? *person.email + " (" + *person.name + ")" : *person.email);
  } else if (auto name = creator_name(person); !name.empty()) {
    add_text_element(item, "dc:creator", name);
  }
}

/// RSS titles are untyped: readers (feedparser, ours) read one that looks like markup as HTML,
/// so only such a title is escaped; "AT&T" stays as it is for readers that show raw text.
std::string rss_title_text(const std::string& title) {
  return looks_like_html(title) ? escape_html(title) : title;
}

void add_enclosure(pugi::xml_node item, const Attachment& attachment) {
  auto enclosure = item.append_child("enclosure");
  set_attribute(enclosure, "url", attachment.url);
  // RSS 2.0 makes length and type required; 0 is the customary "unknown" length.
  set_attribute(enclosure, "length", std::to_string(attachment.size_in_bytes.value_or(0)));
  set_attribute(enclosure, "type", attachment.mime_type.value_or("application/octet-stream"));
}

void add_item(pugi::xml_node channel, const MergedEntry& entry) {
  auto item = channel.append_child("item");
  if (entry.title) add_text_element(item, "title", rss_title_text(*entry.title));
  if (entry.url) add_text_element(item, "link", *entry.url);
  auto guid = add_text_element(item, "guid", entry.id);
  set_attribute(guid, "isPermaLink", is_http_url(entry.id) ? "true" : "false");
  if (auto date = entry.published ? entry.published : entry.updated)
    add_text_element(item, "pubDate", format_rfc822(*date));
  for (const auto& person : entry.authors) add_author(item, person);
  for (const auto& tag : entry.tags) add_text_element(item, "category", tag);
  for (const auto& attachment : entry.attachments) add_enclosure(item, attachment);
  if (entry.summary) add_text_element(item, "description", escape_html(*entry.summary));
  xml_output::add_cdata_element(item, "content:encoded",
                                entry.content_html + rss_sources_footer(entry));
  if (!entry.sources.empty()) {
    const auto& primary = entry.sources.front();
    set_attribute(add_text_element(item, "source", primary.feed_title), "url", primary.feed_url);
  }
}

void add_channel_metadata(pugi::xml_node channel, const MergedFeed& feed) {
  add_text_element(channel, "title", feed.title);
  add_text_element(channel, "link", feed.home_url.empty() ? feed.self_url : feed.home_url);
  // <description> is required by RSS 2.0; a merged feed has no tagline of its own.
  add_text_element(channel, "description", feed.title);
  auto self = channel.append_child("atom:link");
  set_attribute(self, "href", feed.self_url);
  set_attribute(self, "rel", "self");
  set_attribute(self, "type", "application/rss+xml");
  if (auto updated = latest_update(feed))
    add_text_element(channel, "lastBuildDate", format_rfc822(*updated));
  add_text_element(channel, "generator", feed.generator);
}

}  // namespace

std::string write_rss(const MergedFeed& feed) {
  pugi::xml_document document;
  xml_output::add_declaration(document);
  auto root = document.append_child("rss");
  set_attribute(root, "version", "2.0");
  set_attribute(root, "xmlns:content", "http://purl.org/rss/1.0/modules/content/");
  set_attribute(root, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  set_attribute(root, "xmlns:atom", "http://www.w3.org/2005/Atom");
  auto channel = root.append_child("channel");
  add_channel_metadata(channel, feed);
  for (const auto& entry : feed.entries) add_item(channel, entry);
  return xml_output::to_string(document);
}

std::string format_rfc822(TimePoint time) {
  static constexpr std::array<const char*, 7> weekdays = {"Sun", "Mon", "Tue", "Wed",
                                                          "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day = std::chrono::floor<std::chrono::days>(time);
  std::chrono::year_month_day date{day};
  std::chrono::hh_mm_ss clock{time - day};
  std::chrono::weekday weekday{day};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                weekdays[weekday.c_encoding()], static_cast<unsigned>(date.day()),
                months[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer;
}

std::string rss_sources_footer(const MergedEntry& entry) {
  if (entry.sources.size() < 2) return {};
  std::string footer = "<p>Also in: ";
  for (std::size_t i = 1; i < entry.sources.size(); ++i) {
    if (i > 1) footer += ", ";
    footer += "<a href=\"";
    footer += escape_html(footer_target(entry.sources[i]), true);
    footer += "\">";
    footer += escape_html(entry.sources[i].feed_title);
    footer += "</a>";
  }
  footer += "</p>";
  // Feed titles and URLs are feed-derived: the sanitizer vets the links and writes them in
  // its canonical form, so the content stays a sanitizer fixed point.
  return sanitize_html(footer, "");
}

}  // namespace feeds
