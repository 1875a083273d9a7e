// The public entry points: parse_date trims, bounds and dispatches to the grammars of
// date_korean.cpp, date_iso8601.cpp and date_rfc822.cpp; format_rfc3339 prints.

#include "feeds/parse/date.hpp"

#include <algorithm>
#include <cstdio>

#include "feeds/parse/date_internal.hpp"

namespace feeds {
namespace {

namespace chrono = std::chrono;

// Real dates are under 64 bytes; the bound keeps hostile input cheap.
constexpr std::size_t max_date_length = 256;

}  // namespace

std::optional<TimePoint> parse_date(std::string_view text) {
  using date_detail::is_space;
  const auto first = std::find_if_not(text.begin(), text.end(), is_space);
  const auto last = std::find_if_not(text.rbegin(), text.rend(), is_space).base();
  if (first >= last) return std::nullopt;
  text = std::string_view(&*first, static_cast<std::size_t>(last - first));
  if (text.size() > max_date_length) return std::nullopt;
  if (date_detail::has_korean_marker(text)) return date_detail::parse_korean_date(text);
  if (auto iso = date_detail::parse_iso8601(text)) return iso;
  return date_detail::parse_rfc822_family(text);
}

std::string format_rfc3339(TimePoint time) {
  // RFC 3339 has exactly four year digits; clamping beats printing a malformed date.
  constexpr TimePoint first_printable{chrono::sys_days{chrono::year{0} / 1 / 1}};
  time = std::clamp(time, first_printable, date_detail::latest_time);
  const auto day = chrono::floor<chrono::days>(time);
  const chrono::year_month_day date{day};
  const chrono::hh_mm_ss clock{time - day};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer;
}

}  // namespace feeds
