#include <algorithm>

#include "daemon/config/filter_regex.hpp"
#include "daemon/config/sections.hpp"

namespace feedd {

using namespace std::string_literals;
namespace {

constexpr int max_output_limit = 100000;

bool is_valid_output_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

/// Reads a regex key, keeping it only if it compiles.
std::optional<std::string> read_regex(TableReader& table, std::string_view key) {
  auto pattern = table.non_empty_string(key);
  if (!pattern) return std::nullopt;
  std::string error;
  if (!compile_filter_regex(*pattern, error)) {
    table.report(key, "invalid regex \""s + *pattern + "\": "s + error);
    return std::nullopt;
  }
  return pattern;
}

/// Reads `name`; false when it is missing or unusable (reported).
bool read_name(TableReader& table, OutputConfig& output) {
  if (!table.contains("name")) {
    table.report_here("[[output]] has no name");
    return false;
  }
  auto name = table.string("name");
  if (!name) return false;
  if (!is_valid_output_name(*name)) {
    // The name becomes a URL path (/outputs/NAME.atom): keep it to safe characters.
    table.report("name", "\""s + *name + "\" must match [a-z0-9_-]+");
    return false;
  }
  output.name = std::move(*name);
  return true;
}

std::optional<OutputConfig> read_output_table(TableReader& table) {
  OutputConfig output;
  output.origin = table.location();
  const bool has_name = read_name(table, output);
  output.title = table.non_empty_string("title").value_or(output.name);
  output.tags = table.string_array("tags").value_or(std::vector<std::string>{});
  output.include = read_regex(table, "include");
  output.exclude = read_regex(table, "exclude");
  output.limit = table.integer("limit", 1, max_output_limit).value_or(output.limit);
  if (!has_name) return std::nullopt;
  return output;
}

}  // namespace

void read_output_tables(TableReader& root, const LoadContext& context,
                        std::vector<OutputConfig>& outputs) {
  const toml::array* tables = root.array_of_tables("output");
  if (!tables) return;
  for (const toml::node& node : *tables) {
    TableReader table(*node.as_table(), "output", "[[output]]", context.file, context.problems);
    auto output = read_output_table(table);
    table.report_unknown_keys();
    if (output) outputs.push_back(std::move(*output));
  }
}

}  // namespace feedd
