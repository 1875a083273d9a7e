// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into the model.
#include <string>

#include <boost/json.hpp>

#include "feeds/html/text.hpp"
#include "feeds/parse/adapters.hpp"
#include "feeds/parse/date.hpp"
#include "feeds/parse/fields.hpp"

namespace feeds {
namespace {

namespace json = boost::json;

std::string_view string_member(const json::object& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end() || !it->value().is_string()) return {};
  return it->value().get_string();
}

std::optional<std::string> text_member(const json::object& object, std::string_view key) {
  return plain_text(string_member(object, key), TextKind::text);
}

std::optional<std::string> url_member(const json::object& object, std::string_view key, std::string_view base) {
  return url_field(string_member(object, key), base);
}

Person read_author(const json::object& object, std::string_view base) {
  Person person;
  person.name = text_member(object, "name");
  person.url = url_member(object, "url", base);
  return person;
}

/// `authors` (1.1), else the 1.0 `author` object.
std::vector<Person> read_authors(const json::object& object, std::string_view base) {
  std::vector<Person> out;
  if (auto it = object.find("authors"); it != object.end() && it->value().is_array()) {
    for (const auto& author : it->value().get_array())
      if (author.is_object()) add_person(out, read_author(author.get_object(), base));
  }
  if (out.empty()) {
    if (auto it = object.find("author"); it != object.end() && it->value().is_object())
      add_person(out, read_author(it->value().get_object(), base));
  }
  return out;
}

std::optional<std::string> read_id(const json::object& item) {
  auto it = item.find("id");
  if (it == item.end()) return std::nullopt;
  const auto& id = it->value();
  if (id.is_string()) return std::string(trim(id.get_string()));
  if (id.is_int64() || id.is_uint64() || id.is_double()) return json::serialize(id);
  return std::nullopt;
}

// Returns where content_text came from.
ContentTextSource read_content(const json::object& item, std::string_view base, Item& out) {
  auto html = string_member(item, "content_html");
  auto text = string_member(item, "content_text");
  auto content = !trim(html).empty() ? content_fields(html, TextKind::html, base)
                                     : content_fields(text, TextKind::text, base);
  out.content_html = std::move(content.html);
  if (!trim(text).empty()) {
    out.content_text = plain_text(text, TextKind::text);
    return ContentTextSource::own;
  }
  if (content.text) out.content_text = std::move(content.text);
  return ContentTextSource::html;
}

void read_attachments(const json::object& item, std::string_view base, Item& out) {
  auto it = item.find("attachments");
  if (it == item.end() || !it->value().is_array()) return;
  for (const auto& value : it->value().get_array()) {
    if (!value.is_object()) continue;
    const auto& object = value.get_object();
    Attachment attachment;
    attachment.url = url_member(object, "url", base).value_or("");
    if (auto type = trim(string_member(object, "mime_type")); !type.empty()) attachment.mime_type = std::string(type);
    if (auto size = object.find("size_in_bytes"); size != object.end()) {
      // Boost.JSON keeps integers that fit as int64; larger ones are not sizes we believe.
      if (size->value().is_int64() && size->value().get_int64() > 0) attachment.size_in_bytes = size->value().get_int64();
    }
    add_attachment(out.attachments, std::move(attachment));
  }
}

Item read_item(const json::object& item, const AdapterContext& context) {
  Item out;
  auto base = context.base_url;
  out.id = read_id(item);
  out.url = url_member(item, "url", base);
  out.title = text_member(item, "title");
  const auto text_source = read_content(item, base, out);
  out.summary = text_member(item, "summary");
  out.date_modified = parse_date(string_member(item, "date_modified"));
  out.date_published = parse_date(string_member(item, "date_published"));
  if (!out.date_published) out.date_published = out.date_modified;
  out.authors = read_authors(item, base);
  if (auto it = item.find("tags"); it != item.end() && it->value().is_array())
    for (const auto& tag : it->value().get_array())
      if (tag.is_string()) add_tag(out.tags, tag.get_string());
  read_attachments(item, base, out);
  finish_item(out, context.limits, text_source);
  return out;
}

bool is_json_feed(const json::object& root) {
  auto version = string_member(root, "version");
  if (version.starts_with("https://jsonfeed.org/version/1") || version.starts_with("http://jsonfeed.org/version/1"))
    return true;
  auto items = root.find("items");
  return items != root.end() && items->value().is_array();
}

}  // namespace

Result<Feed> parse_json_feed(std::string_view utf8, const AdapterContext& context) {
  json::parse_options options;
  options.max_depth = 64;
  boost::system::error_code ec;
  auto value = json::parse(utf8, ec, json::storage_ptr(), options);
  if (ec) return Error{ErrorCode::not_a_feed, "jsonfeed: not valid JSON: " + ec.message()};
  if (!value.is_object() || !is_json_feed(value.get_object()))
    return Error{ErrorCode::not_a_feed, "jsonfeed: JSON document is not a JSON Feed (no version, no items)"};
  const auto& root = value.get_object();
  Feed feed;
  feed.format = SourceFormat::jsonfeed;
  feed.encoding = "utf-8";
  feed.title = text_member(root, "title");
  feed.home_page_url = url_member(root, "home_page_url", context.base_url);
  feed.feed_url = url_member(root, "feed_url", context.base_url);
  feed.description = text_member(root, "description");
  if (auto language = trim(string_member(root, "language")); !language.empty()) feed.language = std::string(language);
  feed.icon = url_member(root, "icon", context.base_url);
  if (!feed.icon) feed.icon = url_member(root, "favicon", context.base_url);
  feed.authors = read_authors(root, context.base_url);
  if (auto hubs = root.find("hubs"); hubs != root.end() && hubs->value().is_array()) {
    for (const auto& hub : hubs->value().get_array())
      if (hub.is_object() && !feed.websub_hub) feed.websub_hub = url_member(hub.get_object(), "url", context.base_url);
  }
  if (auto items = root.find("items"); items != root.end() && items->value().is_array()) {
    for (const auto& item : items->value().get_array()) {
      if (!item.is_object()) continue;
      if (feed.items.size() >= context.limits.max_items) {
        feed.warnings.push_back("jsonfeed: more than " + std::to_string(context.limits.max_items) + " items; the rest were dropped");
        break;
      }
      feed.items.push_back(read_item(item.get_object(), context));
    }
  }
  return feed;
}

}  // namespace feeds
