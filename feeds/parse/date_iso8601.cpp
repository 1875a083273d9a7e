// ISO 8601 and W3C-DTF: extended, basic, ordinal and truncated dates, with an optional time.

#include "feeds/parse/date_internal.hpp"
#include "feeds/parse/date_names.hpp"

namespace feeds::date_detail {
namespace {

bool set_ordinal_date(int year, std::string_view ordinal_digits, DateFields& f) {
  const auto ordinal = number_of(ordinal_digits, 3, 3);
  if (!ordinal || year < 1 || year > 9999 || *ordinal < 1) return false;
  const chrono::year_month_day date{chrono::sys_days{chrono::year{year} / 1 / 1} +
                                    chrono::days{*ordinal - 1}};
  if (date.year() != chrono::year{year}) return false;
  f.year = year;
  f.month = static_cast<int>(static_cast<unsigned>(date.month()));
  f.day = static_cast<int>(static_cast<unsigned>(date.day()));
  return true;
}

/// Year, month and day from one run of digits: YYYY, YYOOO, YYMMDD, YYYYOOO, YYYYMMDD.
bool read_basic_date(std::string_view run, DateFields& f) {
  const auto part = [&](std::size_t at, std::size_t length) {
    return number_of(run.substr(at, length), length, length).value_or(-1);
  };
  switch (run.size()) {
    case 4: f.year = part(0, 4); return true;
    // "22013" is a year too long for W3C-DTF (feedparser's tests); only a leading zero,
    // which no year has, marks ISO 8601's YYOOO ("03335").
    case 5: return run[0] == '0' && set_ordinal_date(2000 + part(0, 2), run.substr(2), f);
    case 6:
      f = {expand_two_digit_year(part(0, 2)), part(2, 2), part(4, 2)};
      return true;
    case 7: return set_ordinal_date(part(0, 4), run.substr(4), f);
    case 8:
      f = {part(0, 4), part(4, 2), part(6, 2)};
      return true;
    default: return false;
  }
}

/// After "YYYY-": MM, MM-DD, OOO, 0MM-DD (feedparser) or a month name (Hungarian feeds).
bool read_extended_month_day(Cursor& in, DateFields& f) {
  if (!is_digit(in.peek())) {
    const auto month = month_from_name(in.take_while(is_word_char));
    if (!month || !in.accept('-')) return false;
    f.month = *month;
    return (f.day = number_of(in.digits(), 1, 2).value_or(-1)) >= 0;
  }
  const std::string_view run = in.digits();
  if (run.size() == 3 && in.peek() != '-') return set_ordinal_date(f.year, run, f);
  const bool padded_month = run.size() == 3 && run[0] == '0';
  const auto month = number_of(padded_month ? run.substr(1) : run, 2, 2);
  if (!month) return false;
  f.month = *month;
  if (!in.accept('-')) return true;
  const auto day = number_of(in.digits(), 2, 2);
  f.day = day.value_or(-1);
  return day.has_value();
}

/// The date part: extended, basic, or truncated ("-YYMM", "-YY-MM", "-YY", "YY-MM-DD").
bool read_iso_date(Cursor& in, DateFields& f) {
  const bool truncated = in.accept('-');
  const std::string_view run = in.digits();
  if (truncated) {
    if (run.size() != 2 && run.size() != 4) return false;
    f.year = expand_two_digit_year(number_of(run.substr(0, 2), 2, 2).value_or(0));
    if (run.size() == 4) return (f.month = number_of(run.substr(2), 2, 2).value_or(-1)) > 0;
    if (!in.accept('-')) return true;
    return (f.month = number_of(in.digits(), 2, 2).value_or(-1)) > 0;
  }
  if (run.size() == 2 && in.accept('-')) {
    f.year = expand_two_digit_year(*number_of(run, 2, 2));
    f.month = number_of(in.digits(), 2, 2).value_or(-1);
    return in.accept('-') && (f.day = number_of(in.digits(), 2, 2).value_or(-1)) > 0;
  }
  if (run.size() == 4 && in.accept('-')) {
    f.year = *number_of(run, 4, 4);
    return read_extended_month_day(in, f);
  }
  return read_basic_date(run, f);
}

/// "HH:MM[:SS[.f]]" or basic "HHMM[SS[.f]]".
bool read_iso_time(Cursor& in, DateFields& f) {
  const std::size_t run = in.digit_run();
  if (run <= 2) return read_clock(in, f);
  if (run != 4 && run != 6) return false;
  const std::string_view digits = in.digits();
  f.hour = *number_of(digits.substr(0, 2), 2, 2);
  f.minute = *number_of(digits.substr(2, 2), 2, 2);
  if (run == 6) f.second = *number_of(digits.substr(4, 2), 2, 2);
  skip_fraction(in);
  return true;
}

/// "Z", an offset, or a known zone name after optional spaces; nothing may follow.
bool read_iso_zone(Cursor& in, DateFields& f) {
  in.take_while(is_space);
  if (in.accept('Z') || in.accept('z') || in.done()) return in.done();
  if (in.peek() == '+' || in.peek() == '-') {
    const auto offset = read_offset(in);
    f.offset_minutes = offset.value_or(0);
    return offset && in.done();
  }
  const auto offset = zone_offset(in.take_while(is_word_char));
  f.offset_minutes = offset.value_or(0);
  return offset && in.done();
}

}  // namespace

std::optional<TimePoint> parse_iso8601(std::string_view text) {
  Cursor in{text};
  DateFields f;
  if (!read_iso_date(in, f)) return std::nullopt;
  if (in.done()) return to_time_point(f);
  // A space instead of "T" is W3C-DTF as written by MS SQL and many CMSes.
  if (!in.accept('T') && !in.accept('t') && in.take_while(is_space).empty()) return std::nullopt;
  if (!read_iso_time(in, f) || !read_iso_zone(in, f)) return std::nullopt;
  return to_time_point(f);
}

}  // namespace feeds::date_detail
