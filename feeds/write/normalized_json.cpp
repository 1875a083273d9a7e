#include "feeds/write/normalized_json.hpp"

#include <boost/json.hpp>

#include "feeds/parse/date.hpp"

namespace feeds {
namespace {

namespace json = boost::json;

json::value optional_string(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::value optional_date(const std::optional<TimePoint>& value) {
  return value ? json::value(format_rfc3339(*value)) : json::value(nullptr);
}

json::array people_json(const std::vector<Person>& people) {
  json::array out;
  for (const auto& person : people)
    out.push_back(json::object{{"name", optional_string(person.name)},
                               {"url", optional_string(person.url)},
                               {"email", optional_string(person.email)}});
  return out;
}

json::object item_json(const Item& item) {
  json::array tags;
  for (const auto& tag : item.tags) tags.push_back(json::value(tag));
  json::array attachments;
  for (const auto& attachment : item.attachments) {
    attachments.push_back(json::object{
        {"url", attachment.url},
        {"mime_type", optional_string(attachment.mime_type)},
        {"size_in_bytes", attachment.size_in_bytes ? json::value(*attachment.size_in_bytes) : json::value(nullptr)}});
  }
  return json::object{{"id", optional_string(item.id)},
                      {"url", optional_string(item.url)},
                      {"title", optional_string(item.title)},
                      {"content_html", optional_string(item.content_html)},
                      {"content_text", optional_string(item.content_text)},
                      {"summary", optional_string(item.summary)},
                      {"date_published", optional_date(item.date_published)},
                      {"date_modified", optional_date(item.date_modified)},
                      {"authors", people_json(item.authors)},
                      {"tags", std::move(tags)},
                      {"attachments", std::move(attachments)}};
}

}  // namespace

std::string to_normalized_json(const Feed& feed) {
  json::array items;
  items.reserve(feed.items.size());
  for (const auto& item : feed.items) items.push_back(item_json(item));
  json::array warnings;
  for (const auto& warning : feed.warnings) warnings.push_back(json::value(warning));
  json::object out{{"version", "https://jsonfeed.org/version/1.1"},
                   {"_source_format", to_string(feed.format)},
                   {"_bozo", feed.bozo},
                   {"_warnings", std::move(warnings)},
                   {"_encoding", feed.encoding.empty() ? json::value(nullptr) : json::value(feed.encoding)},
                   {"title", optional_string(feed.title)},
                   {"home_page_url", optional_string(feed.home_page_url)},
                   {"feed_url", optional_string(feed.feed_url)},
                   {"description", optional_string(feed.description)},
                   {"language", optional_string(feed.language)},
                   {"icon", optional_string(feed.icon)},
                   {"authors", people_json(feed.authors)},
                   {"items", std::move(items)}};
  return json::serialize(out);
}

}  // namespace feeds
