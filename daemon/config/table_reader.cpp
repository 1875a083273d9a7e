#include "daemon/config/table_reader.hpp"

#include <utility>

#include "daemon/config/units.hpp"

namespace feedd {

using namespace std::string_literals;

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    default: return "nothing";
  }
}

int line_of(const toml::node& node) {
  return static_cast<int>(node.source().begin.line);
}

TableReader::TableReader(const toml::table& table, std::string prefix, std::string heading,
                         const std::string& file, ConfigProblems& problems)
    : table_(table),
      prefix_(std::move(prefix)),
      heading_(std::move(heading)),
      file_(file),
      problems_(problems) {}

const toml::node* TableReader::find(std::string_view key) {
  accept(key);
  return table_.get(key);
}

void TableReader::accept(std::string_view key) {
  known_keys_.emplace(key);
}

std::string TableReader::qualified(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "."s + std::string(key);
}

SourceLocation TableReader::location() const {
  return {file_, line_of(table_)};
}

SourceLocation TableReader::location_of(std::string_view key) const {
  const toml::node* node = table_.get(key);
  return node ? SourceLocation{file_, line_of(*node)} : location();
}

void TableReader::report(std::string_view key, const std::string& message) {
  add_problem(problems_, location_of(key), qualified(key) + ": "s + message);
}

void TableReader::report_here(const std::string& message) {
  add_problem(problems_, location(), message);
}

void TableReader::report_type(std::string_view key, const toml::node& node,
                              std::string_view expected) {
  report(key, "expected "s + std::string(expected) + ", got "s + std::string(type_name(node)));
}

std::optional<std::string> TableReader::string(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (const auto* value = node->as_string()) return value->get();
  report_type(key, *node, "a string");
  return std::nullopt;
}

std::optional<std::string> TableReader::non_empty_string(std::string_view key) {
  auto value = string(key);
  if (value && value->empty()) {
    report(key, "must not be empty");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (const auto* value = node->as_boolean()) return value->get();
  report_type(key, *node, "true or false");
  return std::nullopt;
}

std::optional<int> TableReader::integer(std::string_view key, int min, int max) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  const auto* value = node->as_integer();
  if (!value) {
    report_type(key, *node, "an integer");
    return std::nullopt;
  }
  if (value->get() < min || value->get() > max) {
    report(key, "must be between "s + std::to_string(min) + " and "s + std::to_string(max) +
                    ", got "s + std::to_string(value->get()));
    return std::nullopt;
  }
  return static_cast<int>(value->get());
}

std::optional<std::vector<std::string>> TableReader::string_array(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  const auto* array = node->as_array();
  if (!array) {
    report_type(key, *node, "an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> values;
  for (const toml::node& element : *array) {
    const auto* value = element.as_string();
    if (!value) {
      report(key, "expected an array of strings, found "s + std::string(type_name(element)));
      return std::nullopt;
    }
    values.push_back(value->get());
  }
  return values;
}

std::optional<std::chrono::seconds> TableReader::duration(std::string_view key,
                                                          std::chrono::seconds min) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  const auto* text = node->as_string();
  if (!text) {
    report_type(key, *node, "a duration string like \"30m\"");
    return std::nullopt;
  }
  auto value = parse_duration(text->get());
  if (!value) {
    report(key, "invalid duration \""s + text->get() +
                    "\" (use e.g. \"30s\", \"15m\", \"2h\", \"7d\" or \"1h30m\")");
    return std::nullopt;
  }
  if (*value < min) {
    report(key, "must be at least "s + format_duration(min) + ", got \""s + text->get() + "\"");
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> TableReader::size(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  const auto* text = node->as_string();
  if (!text) {
    report_type(key, *node, "a size string like \"20MiB\"");
    return std::nullopt;
  }
  auto value = parse_size(text->get());
  if (!value) {
    report(key, "invalid size \""s + text->get() + "\" (use e.g. \"512KiB\", \"20MiB\", \"1GiB\")");
    return std::nullopt;
  }
  if (*value == 0) {
    report(key, "must be at least 1B, got \""s + text->get() + "\"");
    return std::nullopt;
  }
  return value;
}

const toml::table* TableReader::table(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return nullptr;
  if (const auto* value = node->as_table()) return value;
  report_type(key, *node, "a table");
  return nullptr;
}

const toml::array* TableReader::array_of_tables(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return nullptr;
  const auto* array = node->as_array();
  if (!array || !array->is_array_of_tables()) {
    report(key,
           "expected [["s + std::string(key) + "]] tables, got "s + std::string(type_name(*node)));
    return nullptr;
  }
  return array;
}

void TableReader::report_unknown_keys() {
  for (const auto& [key, node] : table_) {
    if (known_keys_.contains(key.str())) continue;
    std::string message = "unknown key \""s + std::string(key.str()) + "\"";
    if (!heading_.empty()) message += " in "s + heading_;
    add_problem(problems_, {file_, line_of(node)}, message);
  }
}

}  // namespace feedd
