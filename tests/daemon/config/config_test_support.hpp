#pragma once
// Helpers shared by the config tests.

#include <string>
#include <string_view>
#include <vector>

#include "daemon/config/config.hpp"

namespace feedd::testing {

/// The display path of inline configs: relative paths resolve against /srv/feedd.
inline const char* const config_name = "/srv/feedd/feedd.toml";

/// Loads inline TOML; one leading newline is dropped so that line 1 is the first written line.
inline LoadResult load(std::string_view text) {
  if (!text.empty() && text.front() == '\n') text.remove_prefix(1);
  return load_config_from_string(text, config_name);
}

/// Every problem as "FILE:LINE: message".
inline std::vector<std::string> problems_of(const LoadResult& result) {
  std::vector<std::string> lines;
  for (const ConfigProblem& problem : result.problems) lines.push_back(problem.to_string());
  return lines;
}

/// The one problem of `text`, or a description of what was found instead.
inline std::string only_problem(std::string_view text) {
  const auto lines = problems_of(load(text));
  if (lines.size() == 1) return lines.front();
  std::string joined = std::to_string(lines.size()) + " problems:";
  for (const auto& line : lines) joined += "\n  " + line;
  return joined;
}

/// "/srv/feedd/feedd.toml:LINE: message".
inline std::string at(int line, const std::string& message) {
  return std::string(config_name) + ":" + std::to_string(line) + ": " + message;
}

}  // namespace feedd::testing
