#include "feeds/parse/date.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

namespace feeds {
namespace {

namespace chrono = std::chrono;

// Real dates are under 64 bytes; the bound keeps hostile input cheap.
constexpr std::size_t max_date_length = 256;
constexpr TimePoint earliest_time{chrono::sys_days{chrono::year{1} / 1 / 1}};
constexpr TimePoint latest_time{chrono::sys_days{chrono::year{9999} / 12 / 31} +
                                chrono::seconds{86399}};

/// A date as read from the text, before validation; offset is minutes east of UTC.
struct DateFields {
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset_minutes = 0;
};

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

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/// A 1..max_digits digit number taking all of `digits`, else nullopt.
std::optional<int> number_of(std::string_view digits, std::size_t min_digits,
                             std::size_t max_digits) {
  if (digits.size() < min_digits || digits.size() > max_digits) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

/// The 2-digit year pivot of parse-output.md §5: below 50 is 20xx.
int expand_two_digit_year(int year) { return year < 50 ? 2000 + year : 1900 + year; }

/// A read position over the text with the small steps both grammars share.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  bool accept(char c) {
    if (done() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  void skip(std::size_t count) { pos_ = std::min(text_.size(), pos_ + count); }
  template <class Predicate>
  std::string_view take_while(Predicate predicate) {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && predicate(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  std::string_view digits() { return take_while(is_digit); }
  std::size_t remaining() const { return text_.size() - pos_; }
  std::size_t digit_run() const {
    std::size_t count = 0;
    while (is_digit(peek(count))) ++count;
    return count;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

void skip_fraction(Cursor& in) {
  if ((in.peek() == '.' || in.peek() == ',') && is_digit(in.peek(1))) {
    in.skip(1);
    in.digits();
  }
}

/// "H:MM[:SS[.fff]]" with 1-2 digit parts; a fourth part ("1:2:3:4") is an error.
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

/// "+HH", "+HHMM", "+HH:MM" and one-digit hours ("GMT+1"), as minutes east of UTC.
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

// ---- names ---------------------------------------------------------------------------

bool is_word_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z') || byte >= 0x80;
}
bool is_zone_char(char c) { return is_word_char(c) || c == '/' || c == '_'; }

std::string to_lower_ascii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

struct NamedValue {
  std::string_view name;
  int value;
};

constexpr std::array<std::string_view, 12> english_months{
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> english_weekdays{
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
// Greek as feedparser spells it (odd accents included) and Hungarian, lower-cased.
constexpr std::array foreign_months{
    NamedValue{"Ιαν", 1},  NamedValue{"Φεβ", 2},   NamedValue{"Μάώ", 3},  NamedValue{"Μαώ", 3},
    NamedValue{"Μαρ", 3},  NamedValue{"Μάρ", 3},   NamedValue{"Απρ", 4},  NamedValue{"Μάι", 5},
    NamedValue{"Μαϊ", 5},  NamedValue{"Μαι", 5},   NamedValue{"Ιούν", 6}, NamedValue{"Ιον", 6},
    NamedValue{"Ιούλ", 7}, NamedValue{"Ιολ", 7},   NamedValue{"Αύγ", 8},  NamedValue{"Αυγ", 8},
    NamedValue{"Σεπ", 9},  NamedValue{"Οκτ", 10},  NamedValue{"Νοέ", 11}, NamedValue{"Νοε", 11},
    NamedValue{"Δεκ", 12}, NamedValue{"január", 1}, NamedValue{"február", 2},
    NamedValue{"március", 3}, NamedValue{"április", 4}, NamedValue{"május", 5},
    NamedValue{"máujus", 5}, NamedValue{"június", 6}, NamedValue{"július", 7},
    NamedValue{"augusztus", 8}, NamedValue{"szeptember", 9}, NamedValue{"október", 10},
    NamedValue{"november", 11}, NamedValue{"december", 12}};
constexpr std::array<std::string_view, 8> greek_weekdays{"Κυρ", "Δευ", "Τρι", "Τετ",
                                                         "Πεμ", "Πέμ", "Παρ", "Σαβ"};
// Minutes east of UTC; RFC 822's US zones, feedparser's extras, and common European ones.
constexpr std::array zone_names{
    NamedValue{"ut", 0},      NamedValue{"utc", 0},     NamedValue{"gmt", 0},
    NamedValue{"wet", 0},     NamedValue{"adt", -180},  NamedValue{"ast", -240},
    NamedValue{"at", -240},   NamedValue{"edt", -240},  NamedValue{"est", -300},
    NamedValue{"et", -300},   NamedValue{"cdt", -300},  NamedValue{"cst", -360},
    NamedValue{"ct", -360},   NamedValue{"mdt", -360},  NamedValue{"mst", -420},
    NamedValue{"mt", -420},   NamedValue{"pdt", -420},  NamedValue{"pst", -480},
    NamedValue{"pt", -480},   NamedValue{"akdt", -480}, NamedValue{"akst", -540},
    NamedValue{"hst", -600},  NamedValue{"met", 60},    NamedValue{"mest", 120},
    NamedValue{"cet", 60},    NamedValue{"cest", 120},  NamedValue{"bst", 60},
    NamedValue{"west", 60},   NamedValue{"eet", 120},   NamedValue{"eest", 180},
    NamedValue{"msk", 180},   NamedValue{"jst", 540},   NamedValue{"kst", 540},
    NamedValue{"aest", 600},  NamedValue{"aedt", 660},  NamedValue{"nzst", 720},
    NamedValue{"nzdt", 780}};

/// English month names and any prefix of three letters or more ("Sept"), or a foreign name.
std::optional<int> month_from_name(std::string_view word) {
  const std::string lower = to_lower_ascii(word);
  for (std::size_t i = 0; i < english_months.size(); ++i) {
    if (lower.size() >= 3 && english_months[i].starts_with(lower)) return static_cast<int>(i) + 1;
  }
  for (const auto& [name, value] : foreign_months) {
    if (lower == name) return value;
  }
  return std::nullopt;
}

bool is_weekday(std::string_view word) {
  const std::string lower = to_lower_ascii(word);
  const auto starts = [&](std::string_view name) {
    return lower.size() >= 3 && name.starts_with(lower);
  };
  return std::ranges::any_of(english_weekdays, starts) ||
         std::ranges::find(greek_weekdays, word) != greek_weekdays.end();
}

/// A known zone name or RFC 822 military letter (A-Z but J), as minutes east of UTC.
std::optional<int> zone_offset(std::string_view word) {
  const std::string lower = to_lower_ascii(word);
  for (const auto& [name, value] : zone_names) {
    if (lower == name) return value;
  }
  if (lower.size() != 1 || lower[0] < 'a' || lower[0] > 'z' || lower[0] == 'j') return std::nullopt;
  const char letter = lower[0];
  if (letter == 'z') return 0;
  if (letter <= 'i') return -60 * (letter - 'a' + 1);
  if (letter <= 'm') return -60 * (letter - 'a');
  return 60 * (letter - 'n' + 1);
}

/// 12-hour clock to 24-hour; false for an hour outside 1..12.
bool apply_meridiem(bool afternoon, int& hour) {
  if (hour < 1 || hour > 12) return false;
  hour = hour % 12 + (afternoon ? 12 : 0);
  return true;
}

// ---- ISO 8601 / W3C-DTF ----------------------------------------------------------------

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

// ---- RFC 822/2822, RFC 850, asctime, Perforce, Greek ------------------------------------

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
  const std::string lower = to_lower_ascii(word);
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

// ---- Korean (OnBlog, Nate) ---------------------------------------------------------------

constexpr std::string_view korean_am = "오전";
constexpr std::string_view korean_pm = "오후";
constexpr std::array<std::string_view, 5> korean_markers{"년", "월", "일", korean_am, korean_pm};

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

}  // namespace

std::optional<TimePoint> parse_date(std::string_view text) {
  const auto first = std::find_if_not(text.begin(), text.end(), is_space);
  const auto last = std::find_if_not(text.rbegin(), text.rend(), is_space).base();
  if (first >= last) return std::nullopt;
  text = std::string_view(&*first, static_cast<std::size_t>(last - first));
  if (text.size() > max_date_length) return std::nullopt;
  if (has_korean_marker(text)) return parse_korean_date(text);
  if (auto iso = parse_iso8601(text)) return iso;
  return parse_rfc822_family(text);
}

std::string format_rfc3339(TimePoint time) {
  // RFC 3339 has exactly four year digits; clamping beats printing a malformed date.
  constexpr TimePoint first_printable{chrono::sys_days{chrono::year{0} / 1 / 1}};
  time = std::clamp(time, first_printable, latest_time);
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
