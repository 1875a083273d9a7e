#include "feeds/write/json_feed_writer.hpp"

#include <boost/json.hpp>

#include "feeds/parse/date.hpp"
#include "feeds/write/xml_safe.hpp"

namespace feeds {
namespace {

namespace json = boost::json;

json::value safe_string(std::string_view text) {
  return json::value(xml_safe(text));
}

json::value optional_string(const std::optional<std::string>& text) {
  return text ? safe_string(*text) : json::value(nullptr);
}

json::value optional_date(const std::optional<TimePoint>& date) {
  return date ? json::value(format_rfc3339(*date)) : json::value(nullptr);
}

void put_if(json::object& object, std::string_view key, const std::optional<std::string>& text) {
  if (text) object[key] = safe_string(*text);
}

void put_if(json::object& object, std::string_view key, const std::optional<TimePoint>& date) {
  if (date) object[key] = format_rfc3339(*date);
}

/// JSON Feed authors have no e-mail field; the spec suggests a mailto: URL instead.
std::optional<std::string> author_url(const Person& person) {
  if (person.url || !person.email) return person.url;
  return "mailto:" + *person.email;
}

json::array authors_json(const std::vector<Person>& people) {
  json::array out;
  for (const auto& person : people) {
    json::object author;
    put_if(author, "name", person.name);
    put_if(author, "url", author_url(person));
    out.push_back(std::move(author));
  }
  return out;
}

json::array attachments_json(const std::vector<Attachment>& attachments) {
  json::array out;
  for (const auto& attachment : attachments) {
    json::object object{{"url", safe_string(attachment.url)}};
    // mime_type is required by JSON Feed 1.1.
    object["mime_type"] = safe_string(attachment.mime_type.value_or("application/octet-stream"));
    if (attachment.size_in_bytes) object["size_in_bytes"] = *attachment.size_in_bytes;
    out.push_back(std::move(object));
  }
  return out;
}

json::object feedd_extension(const MergedEntry& entry) {
  json::array sources;
  for (const auto& source : entry.sources)
    sources.push_back(json::object{{"feed_title", safe_string(source.feed_title)},
                                   {"feed_url", safe_string(source.feed_url)},
                                   {"url", optional_string(source.url)},
                                   {"date_published", optional_date(source.date_published)}});
  return json::object{{"sources", std::move(sources)}, {"full_text", entry.full_text}};
}

json::object item_json(const MergedEntry& entry) {
  json::object item{{"id", safe_string(entry.id)}};
  put_if(item, "url", entry.url);
  put_if(item, "title", entry.title);
  item["content_html"] = safe_string(entry.content_html);
  put_if(item, "summary", entry.summary);
  put_if(item, "date_published", entry.published);
  put_if(item, "date_modified", entry.updated);
  if (!entry.authors.empty()) item["authors"] = authors_json(entry.authors);
  if (!entry.tags.empty()) {
    json::array tags;
    for (const auto& tag : entry.tags) tags.push_back(safe_string(tag));
    item["tags"] = std::move(tags);
  }
  if (!entry.attachments.empty()) item["attachments"] = attachments_json(entry.attachments);
  item["_feedd"] = feedd_extension(entry);
  return item;
}

}  // namespace

std::string write_json_feed(const MergedFeed& feed) {
  json::object root{{"version", "https://jsonfeed.org/version/1.1"},
                    {"title", safe_string(feed.title)}};
  if (!feed.home_url.empty()) root["home_page_url"] = safe_string(feed.home_url);
  if (!feed.self_url.empty()) root["feed_url"] = safe_string(feed.self_url);
  json::array items;
  items.reserve(feed.entries.size());
  for (const auto& entry : feed.entries) items.push_back(item_json(entry));
  root["items"] = std::move(items);
  return json::serialize(root);
}

}  // namespace feeds
