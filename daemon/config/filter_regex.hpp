#pragma once
/// The regexes of [[output]] include/exclude: ECMAScript syntax (std::regex) plus a leading
/// "(?i)" for case-insensitive matching, the one inline flag people expect from PCRE.

#include <optional>
#include <regex>
#include <string>
#include <string_view>

namespace feedd {

/// Compiles `pattern`; on failure returns nullopt and sets `error` to the reason.
std::optional<std::regex> compile_filter_regex(std::string_view pattern, std::string& error);

}  // namespace feedd
