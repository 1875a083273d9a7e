#include "feeds/parse/date.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace feeds {
namespace {

using namespace std::literals;
using namespace std::chrono_literals;

/// An input and its RFC 3339 result; nullptr means "no date".
struct DateCase {
  std::string_view input;
  const char* expected;
};

std::string parsed(std::string_view input) {
  const auto time = parse_date(input);
  return time ? format_rfc3339(*time) : "null";
}

void expect_cases(const std::vector<DateCase>& cases) {
  for (const auto& [input, expected] : cases) {
    EXPECT_EQ(parsed(input), expected ? expected : "null") << "input: \"" << input << '"';
  }
}

/// The corpus writes year 99 as "99-12-31T..."; read any year width into a time point.
std::optional<TimePoint> read_expected(const std::string& text) {
  int year = 0;
  unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (std::sscanf(text.c_str(), "%d-%u-%uT%u:%u:%uZ", &year, &month, &day, &hour, &minute,
                  &second) != 6) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

TEST(ParseDate, MatchesEveryCaseOfTheFeedparserCorpus) {
  std::ifstream corpus(FEEDD_SHARED_DIR "/corpora/feedparser-tests/dates.jsonl");
  ASSERT_TRUE(corpus) << "missing dates.jsonl under " << FEEDD_SHARED_DIR;
  int cases = 0;
  for (std::string line; std::getline(corpus, line);) {
    if (line.empty()) continue;
    const auto record = boost::json::parse(line).as_object();
    const std::string input(record.at("input").as_string());
    const auto& expected = record.at("expected_utc");
    SCOPED_TRACE(std::string(record.at("parser").as_string()) + ": \"" + input + '"');
    ++cases;
    const auto actual = parse_date(input);
    if (expected.is_null()) {
      EXPECT_FALSE(actual.has_value()) << format_rfc3339(*actual);
      continue;
    }
    const std::string expected_text(expected.as_string());
    ASSERT_TRUE(actual.has_value());
    EXPECT_EQ(actual, read_expected(expected_text));
    if (expected_text.find('-') == 4) {
      EXPECT_EQ(format_rfc3339(*actual), expected_text);
    }
  }
  EXPECT_EQ(cases, 72);
}

TEST(ParseDate, AcceptsRfc822Variants) {
  expect_cases({
      {"Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
      {"01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
      {"Thu, 1 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
      {"Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z"},
      {"Fri, 01 Jan 99 19:48:21 GMT", "1999-01-01T19:48:21Z"},
      {"01 Jan 49 12:00:00 GMT", "2049-01-01T12:00:00Z"},
      {"01 Jan 50 12:00:00 GMT", "1950-01-01T12:00:00Z"},
      {"Thu, 01 Jan 2004 19:48 GMT", "2004-01-01T19:48:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 UT", "2004-01-01T12:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 UTC", "2004-01-01T12:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 +0100", "2004-01-01T11:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 -05:00", "2004-01-01T17:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 GMT+0200 (CEST)", "2004-01-01T10:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00", "2004-01-01T12:00:00Z"},
      {"thu, 01 JAN 2004 12:00:00 gmt", "2004-01-01T12:00:00Z"},
      {"Thu, 01 January 2004 12:00:00 GMT", "2004-01-01T12:00:00Z"},
      {"Wed, 01 Sept 2004 12:00:00 GMT", "2004-09-01T12:00:00Z"},
      {"01 september 2004 12:00:00 GMT", "2004-09-01T12:00:00Z"},
      {"Thu, 01 Jan. 2004 12:00:00 GMT", "2004-01-01T12:00:00Z"},
      {"Thu,01 Jan 2004 12:00:00 GMT", "2004-01-01T12:00:00Z"},
      {"Thu 01 Jan 2004 12:00:00 GMT", "2004-01-01T12:00:00Z"},
      {"Thu, 01 Jan, 2004, 12:00:00 GMT", "2004-01-01T12:00:00Z"},
      {"  Thu,   01   Jan   2004   12:00:00   GMT  ", "2004-01-01T12:00:00Z"},
      {"Jan 4, 2004 4:29 PM", "2004-01-04T16:29:00Z"},
      {"Jan 4, 2004 12:29 am", "2004-01-04T00:29:00Z"},
  });
}

TEST(ParseDate, ConvertsUsAndMilitaryZonesToUtc) {
  expect_cases({
      {"Thu, 01 Jan 2004 12:00:00 EST", "2004-01-01T17:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 EDT", "2004-01-01T16:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 CST", "2004-01-01T18:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 CDT", "2004-01-01T17:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 MST", "2004-01-01T19:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 MDT", "2004-01-01T18:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 PST", "2004-01-01T20:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 PDT", "2004-01-01T19:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 A", "2004-01-01T13:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 M", "2004-01-02T00:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 N", "2004-01-01T11:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 Y", "2004-01-01T00:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 Z", "2004-01-01T12:00:00Z"},
  });
}

TEST(ParseDate, TreatsUnknownZoneAsUtc) {
  expect_cases({
      {"Thu, 01 Jan 2004 12:00:00 XYZT", "2004-01-01T12:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 America/New_York", "2004-01-01T12:00:00Z"},
      {"Thu, 01 Jan 2004 12:00:00 J", "2004-01-01T12:00:00Z"},
  });
}

TEST(ParseDate, IgnoresWrongWeekday) {
  expect_cases({
      {"Mon, 01 Jan 2004 12:00:00 GMT", "2004-01-01T12:00:00Z"},
      {"Saturday, 01 Jan 2004 12:00:00 GMT", "2004-01-01T12:00:00Z"},
  });
}

TEST(ParseDate, AcceptsIso8601AndW3cDtfVariants) {
  expect_cases({
      {"2003-12-13T18:30:02Z", "2003-12-13T18:30:02Z"},
      {"2003-12-13T18:30:02+01:00", "2003-12-13T17:30:02Z"},
      {"2003-12-13T18:30:02+0100", "2003-12-13T17:30:02Z"},
      {"2003-12-13T18:30:02-05", "2003-12-13T23:30:02Z"},
      {"2003-12-13T18:30:02.25Z", "2003-12-13T18:30:02Z"},
      {"2003-12-13T18:30:02,999999Z", "2003-12-13T18:30:02Z"},
      {"2003-12-13T18:30Z", "2003-12-13T18:30:00Z"},
      {"2003-12-13", "2003-12-13T00:00:00Z"},
      {"2003-12", "2003-12-01T00:00:00Z"},
      {"2003", "2003-01-01T00:00:00Z"},
      {"20031213T183002Z", "2003-12-13T18:30:02Z"},
      {"20031213T1830Z", "2003-12-13T18:30:00Z"},
      {"20031213", "2003-12-13T00:00:00Z"},
      {"2003-12-13 18:30:02", "2003-12-13T18:30:02Z"},
      {"2003-12-13t18:30:02z", "2003-12-13T18:30:02Z"},
      {"2003-12-13T18:30:02 EST", "2003-12-13T23:30:02Z"},
      {"2003-347", "2003-12-13T00:00:00Z"},
      {"2003347", "2003-12-13T00:00:00Z"},
      {"2004-366", "2004-12-31T00:00:00Z"},
  });
}

TEST(ParseDate, AcceptsAsctimeAndRfc850) {
  expect_cases({
      {"Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06Z"},
      {"Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z"},
      {"Sunday, 04-Jan-04 16:29:06 GMT", "2004-01-04T16:29:06Z"},
      {"Sunday, 04-Jan-2004 16:29:06 GMT", "2004-01-04T16:29:06Z"},
  });
}

TEST(ParseDate, AcceptsRareRegionalAndVendorForms) {
  expect_cases({
      {"2004-07-08 23:56:58.0", "2004-07-08T23:56:58Z"},
      {"2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z"},
      {"2004년 05월 28일  01:31:15", "2004-05-27T16:31:15Z"},
      {"2004-05-25 오후 11:23:17", "2004-05-25T14:23:17Z"},
      {"2004-05-25 오전 12:23:17", "2004-05-24T15:23:17Z"},
      {"Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11T17:00:00Z"},
      {"2004-július-13T9:15-05:00", "2004-07-13T14:15:00Z"},
  });
}

TEST(ParseDate, RejectsOutOfRangeComponents) {
  expect_cases({
      {"Thu, 01 Jan 2004 25:00:00 GMT", nullptr},
      {"Thu, 32 Jan 2004 12:00:00 GMT", nullptr},
      {"Thu, 01 Jan 2004 12:60:00 GMT", nullptr},
      {"2003-13-01", nullptr},
      {"2003-00-01", nullptr},
      {"2003-12-32", nullptr},
      {"2003-02-30", nullptr},
      {"2001-02-29", nullptr},
      {"1900-02-29", nullptr},
      {"2003-12-31T24:00:00Z", nullptr},
      {"2003-12-31T10:00:00+24:00", nullptr},
      {"2003-000", nullptr},
      {"2003-366", nullptr},
      {"2004-02-29", "2004-02-29T00:00:00Z"},
      {"2000-02-29", "2000-02-29T00:00:00Z"},
  });
}

TEST(ParseDate, ReturnsNulloptForGarbageRatherThanTheEpoch) {
  expect_cases({
      {"", nullptr},
      {"   ", nullptr},
      {"garbage", nullptr},
      {"0", nullptr},
      {"Thu", nullptr},
      {"12:00:00", nullptr},
      {"GMT", nullptr},
      {"1/2/3", nullptr},
      {"--", nullptr},
      {"+", nullptr},
      {"2003-12-31T", nullptr},
      {"2003-12-31T10", nullptr},
      {"Thu, 01 Foo 2004 12:00:00 GMT", nullptr},
      {"Thu, 01 Jan 2004 12:00:00 GMT GMT", nullptr},
      {"Thu, 01 Jan 2004 12:00:00 +0100 +0200", nullptr},
      {"1970-01-01", "1970-01-01T00:00:00Z"},
  });
}

TEST(ParseDate, SurvivesHostileInput) {
  expect_cases({
      {"99999-01-01", nullptr},
      {"Thu, 01 Jan 99999 12:00:00 GMT", nullptr},
      {"-2004-01-01", nullptr},
      {"2004-01-01T12:00:00+99:00", nullptr},
      {"Thu, 01 Jan 2004 99999999999999999999:00 GMT", nullptr},
      {"0000-01-01", nullptr},
      {"0001-01-01T00:00:00+01:00", nullptr},
      {"9999-12-31T23:59:59-01:00", nullptr},
      {"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"},
      {"2004-01-01\0T12:00:00Z"sv, nullptr},
  });
  EXPECT_EQ(parse_date(std::string(100 * 1024, '1')), std::nullopt);
  std::string repeated;
  while (repeated.size() < 100 * 1024) repeated += "Thu, 01 Jan 2004 ";
  EXPECT_EQ(parse_date(repeated), std::nullopt);
  for (int byte = 0; byte < 256; ++byte) {
    const char c = static_cast<char>(byte);
    (void)parse_date(std::string("2004-01-01T12:00:00") + c);
    (void)parse_date(std::string("Thu, 01 Jan 2004 ") + c + "12:00:00 GMT");
  }
}

TEST(FormatRfc3339, WritesUtcWithSecondPrecision) {
  EXPECT_EQ(format_rfc3339(std::chrono::sys_days{2024y / 1 / 2} + 3h + 4min + 5s),
            "2024-01-02T03:04:05Z");
  EXPECT_EQ(format_rfc3339(TimePoint{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(TimePoint{} - 1s), "1969-12-31T23:59:59Z");
}

TEST(FormatRfc3339, ClampsTimesOutsideTheFourDigitYearRange) {
  EXPECT_EQ(format_rfc3339(TimePoint::max()), "9999-12-31T23:59:59Z");
  EXPECT_EQ(format_rfc3339(TimePoint::min()), "0000-01-01T00:00:00Z");
}

TEST(ParseDate, ReadsBackItsOwnOutput) {
  for (const TimePoint time : {TimePoint{}, TimePoint{} + 1'000'000'000s,
                               TimePoint{std::chrono::sys_days{2000y / 2 / 29}} + 86399s}) {
    EXPECT_EQ(parse_date(format_rfc3339(time)), time);
  }
}

}  // namespace
}  // namespace feeds
