#include "feeds/parse/date_names.hpp"
#include "feeds/ascii.hpp"

#include <algorithm>

namespace feeds::date_detail {
namespace {

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

}  // namespace

bool is_word_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z') || byte >= 0x80;
}

bool is_zone_char(char c) { return is_word_char(c) || c == '/' || c == '_'; }

std::optional<int> month_from_name(std::string_view word) {
  const std::string lower = ascii_lower(word);
  for (std::size_t i = 0; i < english_months.size(); ++i) {
    if (lower.size() >= 3 && english_months[i].starts_with(lower)) return static_cast<int>(i) + 1;
  }
  for (const auto& [name, value] : foreign_months) {
    if (lower == name) return value;
  }
  return std::nullopt;
}

bool is_weekday(std::string_view word) {
  const std::string lower = ascii_lower(word);
  const auto starts = [&](std::string_view name) {
    return lower.size() >= 3 && name.starts_with(lower);
  };
  return std::ranges::any_of(english_weekdays, starts) ||
         std::ranges::find(greek_weekdays, word) != greek_weekdays.end();
}

std::optional<int> zone_offset(std::string_view word) {
  const std::string lower = ascii_lower(word);
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

}  // namespace feeds::date_detail
