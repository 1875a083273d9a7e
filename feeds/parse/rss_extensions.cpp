#include "feeds/parse/rss_extensions.hpp"

#include <array>
#include <charconv>
#include <string>

#include "feeds/parse/date.hpp"
#include "feeds/parse/fields.hpp"
#include "feeds/parse/xml_node.hpp"

namespace feeds {
namespace {

using xml::is_element;
using xml::text_of;

/// The last parseable date among the item's children named in `names`.
std::optional<TimePoint> last_date_of(const xml::Children& item,
                                      std::initializer_list<xml::ElementName> names) {
  std::optional<TimePoint> found;
  for (const auto& child : item) {
    for (const auto& name : names) {
      if (!child.is(name)) continue;
      std::string storage;
      if (auto date = parse_date(xml::text_view_of(child.node, storage))) found = date;
    }
  }
  return found;
}

std::optional<int> parse_int(std::string_view text) {
  auto value = trim(text);
  int number = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return number;
}

int weekday_index(std::string_view day) {
  static constexpr std::array<std::string_view, 7> kDays = {"sunday", "monday", "tuesday", "wednesday",
                                                            "thursday", "friday", "saturday"};
  std::string lower;
  for (char c : trim(day)) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (std::size_t i = 0; i < kDays.size(); ++i)
    if (kDays[i] == lower) return static_cast<int>(i);
  return -1;
}

}  // namespace

void map_item_dates(const xml::Children& item, Item& out) {
  // feedparser's classes: published (pubDate, dcterms:issued, atom:published), updated (dc:date,
  // dcterms:modified, atom:updated), created (dcterms:created); published falls back in that order.
  // dcterms:created only; `updated` falls back to published as feedparser's does (the
  // reference output of every pubDate-only item carries date_modified).
  static constexpr xml::ElementName pub_date{"", "pubDate"}, issued{"dcterms", "issued"},
      atom_published{"atom", "published"}, dc_date{"dc", "date"}, modified{"dcterms", "modified"},
      atom_updated{"atom", "updated"}, plain_updated{"", "updated"},
      created_name{"dcterms", "created"};
  auto published = last_date_of(item, {pub_date, issued, atom_published});
  auto updated = last_date_of(item, {dc_date, modified, atom_updated, plain_updated});
  auto created = last_date_of(item, {created_name});
  out.date_modified = updated ? updated : published;
  out.date_published = published ? published : updated ? updated : created;
}

void map_item_authors(const xml::Children& item, bool rdf, Item& out) {
  static constexpr xml::ElementName author{"", "author"}, creator{"dc", "creator"},
      dc_author{"dc", "author"};
  for (const auto& child : item) {
    if ((!rdf && child.is(author)) || child.is(creator) || child.is(dc_author)) {
      std::string storage;
      add_person(out.authors, parse_person_text(xml::text_view_of(child.node, storage)));
    }
  }
  if (!out.authors.empty()) return;
  if (auto node = item.last("itunes", "author"))
    add_person(out.authors, parse_person_text(text_of(node)));
}

void map_item_tags(const xml::Children& item, Item& out) {
  static constexpr xml::ElementName category{"", "category"}, dc_subject{"dc", "subject"},
      media_category{"media", "category"}, itunes_keywords{"itunes", "keywords"},
      plain_tags{"", "tags"}, itunes_category{"itunes", "category"};
  for (const auto& entry : item) {
    const pugi::xml_node child = entry.node;
    if (entry.is(category)) {
      // Only the category's own text: <category>Name<image>...</image></category> exists.
      add_tag(out.tags, child.child_value());
    } else if (entry.is(dc_subject) || entry.is(media_category)) {
      std::string storage;
      add_tag(out.tags, xml::text_view_of(child, storage));
    } else if (entry.is(itunes_keywords) || entry.is(plain_tags)) {
      auto keywords = text_of(child);
      std::string_view rest = keywords;
      while (!rest.empty()) {
        auto comma = rest.find(',');
        add_tag(out.tags, rest.substr(0, comma));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    } else if (entry.is(itunes_category)) {
      add_tag(out.tags, child.attribute("text").value());
      for (auto sub : child.children())
        if (is_element(sub, "itunes", "category")) add_tag(out.tags, sub.attribute("text").value());
    }
  }
}

void map_item_attachments(const xml::Children& item, std::string_view base, Item& out) {
  static constexpr xml::ElementName enclosure{"", "enclosure"}, enc_enclosure{"enc", "enclosure"},
      atom_link{"atom", "link"};
  for (const auto& entry : item) {
    const pugi::xml_node child = entry.node;
    Attachment attachment;
    if (entry.is(enclosure)) {
      attachment.url = url_field(child.attribute("url").value(), base).value_or("");
      if (auto type = trim(child.attribute("type").value()); !type.empty()) attachment.mime_type = std::string(type);
      attachment.size_in_bytes = parse_length(child.attribute("length").value());
    } else if (entry.is(enc_enclosure)) {
      attachment.url = url_field(child.attribute("rdf:resource").value(), base).value_or("");
      if (auto type = trim(child.attribute("enc:type").value()); !type.empty()) attachment.mime_type = std::string(type);
      attachment.size_in_bytes = parse_length(child.attribute("enc:length").value());
    } else if (entry.is(atom_link) &&
               std::string_view(child.attribute("rel").value()) == "enclosure") {
      attachment.url = url_field(child.attribute("href").value(), base).value_or("");
      if (auto type = trim(child.attribute("type").value()); !type.empty()) attachment.mime_type = std::string(type);
      attachment.size_in_bytes = parse_length(child.attribute("length").value());
    } else {
      continue;
    }
    add_attachment(out.attachments, std::move(attachment));
  }
}

void map_channel_language(pugi::xml_node channel, Feed& feed) {
  auto node = xml::last_child(channel, "", "language");
  if (!node) node = xml::last_child(channel, "dc", "language");
  if (!node) return;
  auto text = text_of(node);
  auto value = trim(text);
  if (!value.empty()) feed.language = std::string(value);
}

void map_channel_image(pugi::xml_node channel, std::string_view prefix, std::string_view base, Feed& feed) {
  auto image = xml::first_child(channel, prefix, "image");
  if (!image && channel.parent()) image = xml::first_child(channel.parent(), prefix, "image");
  if (image) {
    if (auto url = xml::first_child(image, prefix, "url")) feed.icon = url_field(text_of(url), base);
  }
  if (feed.icon) return;
  if (auto node = xml::last_child(channel, "itunes", "image")) feed.icon = url_field(node.attribute("href").value(), base);
}

void map_channel_authors(pugi::xml_node channel, Feed& feed) {
  for (auto child : channel.children()) {
    if (is_element(child, "", "managingEditor") || is_element(child, "dc", "creator") ||
        is_element(child, "itunes", "author")) {
      add_person(feed.authors, parse_person_text(text_of(child)));
    } else if (is_element(child, "itunes", "owner")) {
      Person owner;
      if (auto name = xml::trimmed_text_of(xml::first_child(child, "itunes", "name")); !name.empty())
        owner.name = std::move(name);
      if (auto email = xml::trimmed_text_of(xml::first_child(child, "itunes", "email")); !email.empty())
        owner.email = std::move(email);
      add_person(feed.authors, std::move(owner));
    }
  }
}

void map_channel_links(pugi::xml_node channel, std::string_view base, Feed& feed) {
  for (auto child : channel.children()) {
    if (!is_element(child, "atom", "link")) continue;
    std::string_view rel = child.attribute("rel").value();
    if (rel == "self" && !feed.feed_url) feed.feed_url = url_field(child.attribute("href").value(), base);
    if (rel == "hub" && !feed.websub_hub) feed.websub_hub = url_field(child.attribute("href").value(), base);
  }
}

void map_polling_hints(pugi::xml_node channel, PollingHints& hints) {
  if (auto ttl = xml::first_child(channel, "", "ttl")) {
    if (auto minutes = parse_int(text_of(ttl)); minutes && *minutes > 0) hints.ttl_minutes = minutes;
  }
  if (auto skip = xml::first_child(channel, "", "skipHours")) {
    for (auto hour : skip.children())
      if (auto value = parse_int(text_of(hour)); value && *value >= 0 && *value <= 24) hints.skip_hours.push_back(*value % 24);
  }
  if (auto skip = xml::first_child(channel, "", "skipDays")) {
    for (auto day : skip.children())
      if (int index = weekday_index(text_of(day)); index >= 0) hints.skip_days.push_back(index);
  }
  if (auto period = xml::first_child(channel, "sy", "updatePeriod")) {
    auto text = text_of(period);
    auto value = trim(text);
    if (!value.empty()) hints.update_period = std::string(value);
  }
  if (auto frequency = xml::first_child(channel, "sy", "updateFrequency")) {
    if (auto value = parse_int(text_of(frequency)); value && *value > 0) hints.update_frequency = value;
  }
}

}  // namespace feeds
