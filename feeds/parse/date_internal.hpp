#pragma once
// Internal to the date parser (feeds/parse/date*.cpp): the fields every grammar fills, the
// read cursor they share, and the grammars that parse_date dispatches to.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

#include "feeds/model/feed.hpp"

namespace feeds::date_detail {

namespace chrono = std::chrono;

inline constexpr TimePoint earliest_time{chrono::sys_days{chrono::year{1} / 1 / 1}};
inline constexpr TimePoint latest_time{chrono::sys_days{chrono::year{9999} / 12 / 31} +
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

/// The time point of valid fields within years 1..9999, else nullopt.
std::optional<TimePoint> to_time_point(const DateFields& f);

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/// A min_digits..max_digits digit number taking all of `digits`, else nullopt.
std::optional<int> number_of(std::string_view digits, std::size_t min_digits,
                             std::size_t max_digits);

/// The 2-digit year pivot of parse-output.md §5: below 50 is 20xx.
inline int expand_two_digit_year(int year) { return year < 50 ? 2000 + year : 1900 + year; }

/// A read position over the text with the small steps all grammars share.
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

/// Skips a fraction of a second (".fff" or ",fff"), which no feed needs.
void skip_fraction(Cursor& in);

/// "H:MM[:SS[.fff]]" with 1-2 digit parts; a fourth part ("1:2:3:4") is an error.
bool read_clock(Cursor& in, DateFields& f);

/// "+HH", "+HHMM", "+HH:MM" and one-digit hours ("GMT+1"), as minutes east of UTC.
std::optional<int> read_offset(Cursor& in);

/// 12-hour clock to 24-hour; false for an hour outside 1..12.
bool apply_meridiem(bool afternoon, int& hour);

/// ISO 8601 and W3C-DTF, including basic, ordinal and truncated forms (date_iso8601.cpp).
std::optional<TimePoint> parse_iso8601(std::string_view text);

/// RFC 822/2822, RFC 850, asctime, Perforce and Greek dates (date_rfc822.cpp).
std::optional<TimePoint> parse_rfc822_family(std::string_view text);

/// True if the text holds a Korean date marker such as "년" or "오후" (date_korean.cpp).
bool has_korean_marker(std::string_view text);

/// OnBlog and Nate dates, both in KST (date_korean.cpp).
std::optional<TimePoint> parse_korean_date(std::string_view text);

}  // namespace feeds::date_detail
