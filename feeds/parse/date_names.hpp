#pragma once
// Internal to the date parser: month, weekday and zone names, in English and in the
// Greek, Hungarian and Korean spellings feeds use.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace feeds::date_detail {

/// A letter of a name: ASCII letters and any byte of a multi-byte UTF-8 character.
bool is_word_char(char c);

/// A letter of a zone name, which may be an Olson name ("Europe/Paris", "Etc/GMT").
bool is_zone_char(char c);


/// English month names and any prefix of three letters or more ("Sept"), or a foreign name.
std::optional<int> month_from_name(std::string_view word);

/// An English weekday or a prefix of three letters or more, or a Greek weekday.
bool is_weekday(std::string_view word);

/// A known zone name or RFC 822 military letter (A-Z but J), as minutes east of UTC.
std::optional<int> zone_offset(std::string_view word);

inline constexpr std::string_view korean_am = "오전";
inline constexpr std::string_view korean_pm = "오후";
/// Year, month and day suffixes and the meridiems of OnBlog and Nate dates.
inline constexpr std::array<std::string_view, 5> korean_markers{"년", "월", "일", korean_am,
                                                                korean_pm};

}  // namespace feeds::date_detail
