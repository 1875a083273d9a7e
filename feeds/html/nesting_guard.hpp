#pragma once
/// A linear pre-pass that keeps gumbo's tree builder out of its quadratic cases: gumbo walks the
/// whole stack of open elements for every start tag, so 100 000 unclosed <div>s take seconds.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace feeds::detail {

/// When the running count of unclosed start tags in `html` exceeds `max_unclosed`, returns a copy
/// in which every start tag beyond that count has its '<' written as "&lt;" (so it parses as
/// text); nullopt when the input is within the limit and can be parsed as it is. Tags that the
/// tree builder closes implicitly (p, li, td, ...) and void elements are not counted.
std::optional<std::string> escape_excess_nesting(std::string_view html, std::size_t max_unclosed);

}  // namespace feeds::detail
