// The steps shared by all date grammars: validation of the fields, numbers, clock and offset.

#include <charconv>

#include "feeds/parse/date_internal.hpp"

namespace feeds::date_detail {

std::optional<TimePoint> to_time_point(const DateFields& f) {
  if (f.year < 1 || f.year > 9999 || f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 ||
      f.hour < 0 || f.hour > 23 || f.minute < 0 || f.minute > 59 || f.second < 0 ||
      f.second > 60) {
    return std::nullopt;
  }
  const chrono::year_month_day date{chrono::year{f.year},
                                    chrono::month{static_cast<unsigned>(f.month)},
                                    chrono::day{static_cast<unsigned>(f.day)}};
  if (!date.ok()) return std::nullopt;
  const TimePoint time = chrono::sys_days{date} + chrono::hours{f.hour} +
                         chrono::minutes{f.minute - f.offset_minutes} + chrono::seconds{f.second};
  if (time < earliest_time || time > latest_time) return std::nullopt;
  return time;
}

std::optional<int> number_of(std::string_view digits, std::size_t min_digits,
                             std::size_t max_digits) {
  if (digits.size() < min_digits || digits.size() > max_digits) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

void skip_fraction(Cursor& in) {
  if ((in.peek() == '.' || in.peek() == ',') && is_digit(in.peek(1))) {
    in.skip(1);
    in.digits();
  }
}

bool read_clock(Cursor& in, DateFields& f) {
  const auto hour = number_of(in.digits(), 1, 2);
  if (!hour || !in.accept(':')) return false;
  const auto minute = number_of(in.digits(), 1, 2);
  if (!minute) return false;
  f.hour = *hour;
  f.minute = *minute;
  if (in.accept(':')) {
    const auto second = number_of(in.digits(), 1, 2);
    if (!second) return false;
    f.second = *second;
    skip_fraction(in);
  }
  return in.peek() != ':';
}

std::optional<int> read_offset(Cursor& in) {
  const int sign = in.accept('-') ? -1 : 1;
  in.accept('+');
  const std::string_view run = in.digits();
  std::optional<int> hours;
  std::optional<int> minutes = 0;
  if (run.size() == 4) {
    hours = number_of(run.substr(0, 2), 2, 2);
    minutes = number_of(run.substr(2), 2, 2);
  } else {
    hours = number_of(run, 1, 2);
    if (in.accept(':')) minutes = number_of(in.digits(), 2, 2);
  }
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  return sign * (*hours * 60 + *minutes);
}

bool apply_meridiem(bool afternoon, int& hour) {
  if (hour < 1 || hour > 12) return false;
  hour = hour % 12 + (afternoon ? 12 : 0);
  return true;
}

}  // namespace feeds::date_detail
