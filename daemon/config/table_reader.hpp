#pragma once
/// Typed, reporting access to one TOML table. Every getter remembers the key as known, so that
/// report_unknown_keys() can flag the rest: unknown keys are errors, not silence.

#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/config/problem.hpp"

namespace feedd {

class TableReader {
 public:
  /// `prefix` names keys in messages ("poll" → "poll.timeout"; "" at the top level), `heading`
  /// names the table in "unknown key" messages ("[poll]", "[[feed]]"; "" at the top level).
  TableReader(const toml::table& table, std::string prefix, std::string heading,
              const std::string& file, ConfigProblems& problems);

  /// The value if present and a string; reports a wrong type.
  std::optional<std::string> string(std::string_view key);
  /// A non-empty string; reports an empty one.
  std::optional<std::string> non_empty_string(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  /// An integer within [min, max]; reports other types and values outside.
  std::optional<int> integer(std::string_view key, int min, int max);
  /// An array of strings.
  std::optional<std::vector<std::string>> string_array(std::string_view key);
  /// A duration string (units.hpp) of at least `min`.
  std::optional<std::chrono::seconds> duration(std::string_view key, std::chrono::seconds min);
  /// A size string (units.hpp) of at least one byte.
  std::optional<std::uint64_t> size(std::string_view key);
  /// The sub-table at `key`, if present and a table.
  const toml::table* table(std::string_view key);
  /// The array of tables at `key` ([[key]]), if present and one.
  const toml::array* array_of_tables(std::string_view key);

  /// True when the table has `key` (whatever its type).
  bool contains(std::string_view key) const { return table_.contains(key); }
  /// Marks a key as known without reading it.
  void accept(std::string_view key);
  /// Reports "PREFIX.KEY: message" at the key's line (the table's line when absent).
  void report(std::string_view key, const std::string& message);
  /// Reports a message at the table's own line.
  void report_here(const std::string& message);
  /// The location of a key's value (the table's when absent).
  SourceLocation location_of(std::string_view key) const;
  /// The location of the table itself.
  SourceLocation location() const;
  /// Reports every key that no getter asked for; call once, after reading.
  void report_unknown_keys();

 private:
  const toml::node* find(std::string_view key);
  void report_type(std::string_view key, const toml::node& node, std::string_view expected);
  std::string qualified(std::string_view key) const;

  const toml::table& table_;
  std::string prefix_;
  std::string heading_;
  const std::string& file_;
  ConfigProblems& problems_;
  std::set<std::string, std::less<>> known_keys_;
};

/// "string", "integer", "array", ... for messages.
std::string_view type_name(const toml::node& node);

/// The 1-based line a node starts on (0 if unknown).
int line_of(const toml::node& node);

}  // namespace feedd
