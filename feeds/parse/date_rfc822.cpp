// RFC 822/2822, RFC 850, asctime, Perforce and Greek dates: one loose scan of tokens in any
// order, then the day and year are told apart.

#include <array>

#include "feeds/parse/date_internal.hpp"
#include "feeds/ascii.hpp"
#include "feeds/parse/date_names.hpp"

namespace feeds::date_detail {
namespace {

/// What a scan of a loosely written date has seen so far.
struct LooseDate {
  DateFields fields;
  std::array<std::string_view, 3> numbers{};
  std::size_t number_count = 0;
  bool has_month = false;
  bool has_time = false;
  bool has_zone = false;
  bool has_offset = false;
  bool dash_separated = false;
  bool started() const { return number_count > 0 || has_month || has_time; }
  bool date_complete() const { return (has_month && number_count == 2) || number_count == 3; }
};

bool read_loose_number(Cursor& in, LooseDate& date) {
  const std::size_t run = in.digit_run();
  if (run <= 2 && in.peek(run) == ':') {
    if (date.has_time || !read_clock(in, date.fields)) return false;
    date.has_time = true;
    return true;
  }
  const std::string_view number = in.digits();
  if (number.size() > 4 || date.number_count == date.numbers.size()) return false;
  date.numbers[date.number_count++] = number;
  return true;
}

bool read_loose_offset(Cursor& in, LooseDate& date) {
  const auto offset = read_offset(in);
  if (!offset || date.has_offset) return false;
  date.has_offset = true;
  date.fields.offset_minutes = *offset;
  return true;
}

/// A month, a leading weekday (wrong ones are ignored), am/pm, or a zone after the date.
bool read_loose_word(Cursor& in, LooseDate& date) {
  const bool first_word = !date.started();
  const std::string_view word = in.take_while(is_zone_char);
  in.accept('.');
  if (!date.has_month) {
    if (const auto month = month_from_name(word)) {
      date.has_month = true;
      date.fields.month = *month;
      return true;
    }
  }
  if (first_word && is_weekday(word)) return true;
  const std::string lower = ascii_lower(word);
  if (date.has_time && (lower == "am" || lower == "pm")) {
    return apply_meridiem(lower == "pm", date.fields.hour);
  }
  if (date.has_zone || !(date.has_time || date.date_complete())) return false;
  date.has_zone = true;
  // An unknown zone name ("Etc/GMT", a city) is UTC per parse-output.md §5; "GMT-01:01"
  // lets the offset that follows win.
  if (!date.has_offset) date.fields.offset_minutes = zone_offset(word).value_or(0);
  return true;
}

bool read_loose_token(Cursor& in, LooseDate& date) {
  const char c = in.peek();
  if (is_digit(c)) return read_loose_number(in, date);
  if (c == '+' || (c == '-' && (date.has_time || date.date_complete()))) {
    return read_loose_offset(in, date);
  }
  if (c == '-' || c == '/') {
    date.dash_separated = date.dash_separated || c == '-';
    in.skip(1);
    return true;
  }
  if (is_word_char(c)) return read_loose_word(in, date);
  return false;
}

/// Day and year around a month name, or Perforce's numeric "YYYY/MM/DD".
std::optional<TimePoint> finish_loose_date(LooseDate& date) {
  DateFields& f = date.fields;
  const auto& numbers = date.numbers;
  std::string_view day;
  std::string_view year;
  if (date.has_month && date.number_count == 2) {
    const bool year_first = numbers[0].size() >= 3;
    year = numbers[year_first ? 0 : 1];
    day = numbers[year_first ? 1 : 0];
  } else if (!date.has_month && date.number_count == 3 && !date.dash_separated &&
             numbers[0].size() == 4) {
    year = numbers[0];
    f.month = number_of(numbers[1], 1, 2).value_or(-1);
    day = numbers[2];
  } else {
    return std::nullopt;
  }
  f.day = number_of(day, 1, 2).value_or(-1);
  if (year.size() == 2) f.year = expand_two_digit_year(*number_of(year, 2, 2));
  else f.year = number_of(year, 4, 4).value_or(-1);
  return to_time_point(f);
}

}  // namespace

std::optional<TimePoint> parse_rfc822_family(std::string_view text) {
  Cursor in{text};
  LooseDate date;
  while (!in.done()) {
    const char c = in.peek();
    if (is_space(c) || c == ',') {
      in.skip(1);
    } else if (c == '(') {
      // RFC 822 comments, as in JavaScript's "GMT+0200 (CEST)".
      in.take_while([](char k) { return k != ')'; });
      in.skip(1);
    } else if (!read_loose_token(in, date)) {
      return std::nullopt;
    }
  }
  return finish_loose_date(date);
}

}  // namespace feeds::date_detail
