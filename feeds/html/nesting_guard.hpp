#pragma once
/// A linear pre-pass that keeps gumbo's tree builder out of its quadratic cases: gumbo walks the
/// whole stack of open elements for every start tag, so 100 000 unclosed <div>s take seconds,
/// and re-opens every unclosed formatting element after each block, so 2 000 <b id=N> tags in
/// 30 KB grow a tree of millions of nodes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace feeds::detail {

/// Limits on start tags left open.
struct NestingLimits {
  std::size_t max_unclosed;  ///< any element
  std::size_t
      max_unclosed_formatting;  ///< b, i, font, ...: each is re-opened ("reconstructed")
                                ///< for every later text run, so N of them multiply the tree
};

/// When the running count of unclosed start tags in `html` exceeds a limit, returns a copy in
/// which every start tag beyond it has its '<' written as "&lt;" (so it parses as text);
/// nullopt when the input is within the limits and can be parsed as it is. Tags that the tree
/// builder closes implicitly (p, li, td, ...) and void elements are not counted.
std::optional<std::string> escape_excess_nesting(std::string_view html,
                                                 const NestingLimits& limits);

}  // namespace feeds::detail
