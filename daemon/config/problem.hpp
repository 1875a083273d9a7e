#pragma once
/// A problem found while loading the config: where it is and what is wrong.

#include <string>
#include <vector>

namespace feedd {

/// A place in a config or OPML file; line 0 when the problem concerns the whole file.
struct SourceLocation {
  std::string file;  ///< the path as the user gave it (so messages match what they typed)
  int line = 0;

  /// "FILE:LINE", or "FILE" when the line is unknown.
  std::string to_string() const;
  bool operator==(const SourceLocation&) const = default;
};

/// One problem; load_config collects all of them instead of stopping at the first.
struct ConfigProblem {
  SourceLocation location;
  std::string message;

  /// "FILE:LINE: message" (or "FILE: message"), the form `feedd check` prints.
  std::string to_string() const;
};

using ConfigProblems = std::vector<ConfigProblem>;

/// Appends a problem. Out of line on purpose: building the aggregate inside push_back trips a
/// false -Wmaybe-uninitialized in GCC 12 at -O3.
void add_problem(ConfigProblems& problems, SourceLocation location, std::string message);

}  // namespace feedd
