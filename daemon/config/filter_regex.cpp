#include "daemon/config/filter_regex.hpp"

namespace feedd {

std::optional<std::regex> compile_filter_regex(std::string_view pattern, std::string& error) {
  auto flags = std::regex::ECMAScript | std::regex::optimize;
  if (pattern.starts_with("(?i)")) {
    flags |= std::regex::icase;
    pattern.remove_prefix(4);
  }
  try {
    return std::regex(pattern.begin(), pattern.end(), flags);
  } catch (const std::regex_error& failure) {
    // std::regex reports errors only by exception; this is the boundary where it becomes a value.
    error = failure.what();
    return std::nullopt;
  }
}

}  // namespace feedd
