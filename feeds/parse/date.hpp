#pragma once
/// Date parsing for feeds: RFC 822/2822, ISO 8601/W3C-DTF, asctime, RFC 850 and the
/// rarer forms of parse-output.md §5. Unparseable or out-of-range input gives nullopt,
/// never the epoch and never an exception.

#include <optional>
#include <string>
#include <string_view>

#include "feeds/model/feed.hpp"

namespace feeds {

/// Parses a date as found in a feed; a date without a zone is UTC, without a time is midnight.
std::optional<TimePoint> parse_date(std::string_view text);

/// Formats as RFC 3339 UTC with second precision: "2024-01-02T03:04:05Z".
std::string format_rfc3339(TimePoint time);

}  // namespace feeds
