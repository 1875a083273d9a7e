#include "daemon/storage/columns.hpp"

#include <boost/json.hpp>

#include "feeds/html/text.hpp"

namespace feedd::storage {
namespace {

namespace json = boost::json;

std::optional<std::string> optional_string(const json::object& object, std::string_view key) {
  if (const auto* value = object.if_contains(key); value && value->is_string()) {
    return std::string(value->get_string());
  }
  return std::nullopt;
}

// The item columns are written as text directly, with Boost.JSON escaping each string: a
// json::array of json::objects built and serialized for every item's authors, tags and
// attachments took 1.2% of a first poll's CPU samples (perf, 5000 feeds).
void append_string(std::string& out, std::string_view text) { out += json::serialize(text); }

// `,"key":"value"` (without the comma for the object's first member) when the value is there.
void append_member(std::string& out, std::string_view key, const std::optional<std::string>& value,
                   bool& first) {
  if (!value) return;
  if (!first) out += ',';
  first = false;
  append_string(out, key);
  out += ':';
  append_string(out, *value);
}

json::array parse_array(std::string_view text) {
  auto value = json::parse(text);
  if (!value.is_array()) throw std::runtime_error("JSON column is not an array");
  return std::move(value.as_array());
}

}  // namespace

std::int64_t to_unix(TimePoint time) { return time.time_since_epoch().count(); }

TimePoint from_unix(std::int64_t seconds) { return TimePoint{std::chrono::seconds{seconds}}; }

void bind_text(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

void bind_time(SQLite::Statement& statement, int index, const std::optional<TimePoint>& value) {
  bind_int(statement, index, value ? std::optional(to_unix(*value)) : std::nullopt);
}

void bind_int(SQLite::Statement& statement, int index, const std::optional<std::int64_t>& value) {
  if (value) {
    statement.bind(index, static_cast<int64_t>(*value));
  } else {
    statement.bind(index);
  }
}

std::optional<std::string> text_column(const SQLite::Statement& statement, int index) {
  if (statement.isColumnNull(index)) return std::nullopt;
  return statement.getColumn(index).getString();
}

std::optional<std::string> summary_column(const SQLite::Statement& statement, int summary_index,
                                          int from_content_index,
                                          const std::optional<std::string>& content_html) {
  if (statement.getColumn(from_content_index).getInt() == 0 || !content_html)
    return text_column(statement, summary_index);
  auto text = feeds::html_to_text(*content_html);
  if (text.empty()) return std::nullopt;
  return text;
}

std::optional<TimePoint> time_column(const SQLite::Statement& statement, int index) {
  auto seconds = int_column(statement, index);
  return seconds ? std::optional(from_unix(*seconds)) : std::nullopt;
}

std::optional<std::int64_t> int_column(const SQLite::Statement& statement, int index) {
  if (statement.isColumnNull(index)) return std::nullopt;
  return statement.getColumn(index).getInt64();
}

std::string strings_to_json(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const auto& value : values) {
    if (out.size() > 1) out += ',';
    append_string(out, value);
  }
  return out += ']';
}

std::vector<std::string> strings_from_json(std::string_view text) {
  std::vector<std::string> values;
  for (const auto& value : parse_array(text)) values.emplace_back(value.as_string());
  return values;
}

std::string ints_to_json(const std::vector<int>& values) {
  json::array array;
  for (int value : values) array.emplace_back(value);
  return json::serialize(array);
}

std::vector<int> ints_from_json(std::string_view text) {
  std::vector<int> values;
  for (const auto& value : parse_array(text)) values.push_back(static_cast<int>(value.to_number<std::int64_t>()));
  return values;
}

std::string ids_to_json(const std::vector<std::int64_t>& values) {
  json::array array;
  for (auto value : values) array.emplace_back(value);
  return json::serialize(array);
}

std::string persons_to_json(const std::vector<feeds::Person>& persons) {
  std::string out = "[";
  for (const auto& person : persons) {
    if (out.size() > 1) out += ',';
    out += '{';
    bool first = true;
    append_member(out, "name", person.name, first);
    append_member(out, "url", person.url, first);
    append_member(out, "email", person.email, first);
    out += '}';
  }
  return out += ']';
}

std::vector<feeds::Person> persons_from_json(std::string_view text) {
  std::vector<feeds::Person> persons;
  for (const auto& value : parse_array(text)) {
    const auto& object = value.as_object();
    persons.push_back({optional_string(object, "name"), optional_string(object, "url"),
                       optional_string(object, "email")});
  }
  return persons;
}

std::string attachments_to_json(const std::vector<feeds::Attachment>& attachments) {
  std::string out = "[";
  for (const auto& attachment : attachments) {
    if (out.size() > 1) out += ',';
    out += "{\"url\":";
    append_string(out, attachment.url);
    bool first = false;
    append_member(out, "mime_type", attachment.mime_type, first);
    if (attachment.size_in_bytes) out += ",\"size_in_bytes\":" + std::to_string(*attachment.size_in_bytes);
    out += '}';
  }
  return out += ']';
}

std::vector<feeds::Attachment> attachments_from_json(std::string_view text) {
  std::vector<feeds::Attachment> attachments;
  for (const auto& value : parse_array(text)) {
    const auto& object = value.as_object();
    feeds::Attachment attachment;
    attachment.url = optional_string(object, "url").value_or("");
    attachment.mime_type = optional_string(object, "mime_type");
    if (const auto* size = object.if_contains("size_in_bytes")) {
      attachment.size_in_bytes = size->to_number<std::int64_t>();
    }
    attachments.push_back(std::move(attachment));
  }
  return attachments;
}

std::string describe_failure(std::string_view path, std::string_view operation,
                             std::string_view what) {
  std::string message = "storage: ";
  message += operation;
  message += ": ";
  message += what;
  message += " [database ";
  message += path;
  message += ']';
  return message;
}

}  // namespace feedd::storage
