// Korean dates (OnBlog, Nate).

#include <array>

#include "feeds/parse/date_internal.hpp"
#include "feeds/parse/date_names.hpp"

namespace feeds::date_detail {

bool has_korean_marker(std::string_view text) {
  return std::ranges::any_of(korean_markers, [&](std::string_view marker) {
    return text.find(marker) != std::string_view::npos;
  });
}

/// OnBlog "2004년 05월 28일 01:31:15" and Nate "2004-05-25 오후 11:23:17", both in KST.
std::optional<TimePoint> parse_korean_date(std::string_view text) {
  std::array<int, 6> numbers{};
  std::size_t count = 0;
  std::optional<bool> afternoon;
  Cursor in{text};
  while (!in.done()) {
    const std::string_view rest = text.substr(text.size() - in.remaining());
    const auto marker = std::ranges::find_if(
        korean_markers, [&](std::string_view m) { return rest.starts_with(m); });
    if (is_digit(rest[0])) {
      const auto number = number_of(in.digits(), 1, 4);
      if (!number || count == numbers.size()) return std::nullopt;
      numbers[count++] = *number;
    } else if (marker != korean_markers.end()) {
      if (*marker == korean_am || *marker == korean_pm) afternoon = *marker == korean_pm;
      in.skip(marker->size());
    } else if (is_space(rest[0]) || rest[0] == '-' || rest[0] == ':') {
      in.skip(1);
    } else {
      return std::nullopt;
    }
  }
  if (count != numbers.size()) return std::nullopt;
  DateFields f{numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], 9 * 60};
  if (afternoon && !apply_meridiem(*afternoon, f.hour)) return std::nullopt;
  return to_time_point(f);
}

}  // namespace feeds::date_detail
