#pragma once
/// Maps a request target to the Handler that answers it. Transport-free: the server hands in
/// the raw target, the router checks and decodes the path, fills Request::path/query/params and
/// says 400 (unsafe or malformed path) or 404 (no route) when there is no handler.
///
/// Patterns are paths whose segments are literal or hold placeholders:
///   `/feed.atom`                          exact path
///   `/feeds/{id:int}`                     a positive decimal integer (no sign, no leading zero)
///   `/outputs/{name}.{format:atom|rss|json}`  any non-empty text, then one of the listed words
/// A placeholder never spans a '/'. Exact routes win over patterns; patterns are tried in the
/// order they were added.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/server/reply.hpp"

namespace feedd {

/// Longest path (raw, before decoding) the router accepts; longer ones are answered 400.
inline constexpr std::size_t max_request_path_bytes = 2048;

/// The percent-decoded path of a raw one; nullopt when it is not one we serve: empty or not
/// starting with '/', longer than max_request_path_bytes, bad percent-encoding, a NUL or other
/// control byte, a backslash, or a `.`/`..` segment (raw or encoded).
std::optional<std::string> decode_request_path(std::string_view raw_path);

/// What routing a target gave: a handler, or the status to answer with (400 or 404).
struct RouteResult {
  const Handler* handler = nullptr;
  int status = 200;  ///< 400 or 404 when handler is null
};

class Router {
public:
  /// Registers `handler` for `pattern` (see the file comment). Throws std::invalid_argument on
  /// a malformed pattern: that is a programming error found at startup.
  void add(std::string_view pattern, Handler handler);

  /// Routes `target` ("/path?query" as received). On success fills request.path (decoded),
  /// request.query and request.params.
  RouteResult route(std::string_view target, Request& request) const;

private:
  /// One piece of a pattern segment: literal text, or a placeholder with its constraint.
  struct Part {
    std::string literal;  ///< set for literal text
    std::string name;     ///< set for a placeholder
    bool integer = false;
    std::vector<std::string> choices;  ///< allowed values; empty: any non-empty text
  };
  using Segment = std::vector<Part>;
  struct PatternRoute {
    std::vector<Segment> segments;
    Handler handler;
  };

  static Segment parse_segment(std::string_view text, std::string_view pattern);
  static bool match_parts(const Segment& parts, std::size_t index, std::string_view text,
                          RouteParams& params);
  static bool accepts(const Part& part, std::string_view value);

  std::vector<std::pair<std::string, Handler>> exact_;
  std::vector<PatternRoute> patterns_;
};

}  // namespace feedd
