#include <gtest/gtest.h>

#include "daemon/status/html_text.hpp"
#include "daemon/status/svg_charts.hpp"

namespace feedd {
namespace {

using namespace std::chrono_literals;

TEST(HtmlText, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(escape_html(R"(<a href="x" title='y'>&</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(escape_html("plain ü text"), "plain ü text");
}

TEST(HtmlText, OnlyHttpUrlsBecomeLinks) {
  struct Case {
    const char* url;
    bool linkable;
  };
  for (const auto& [url, linkable] : std::initializer_list<Case>{
           {"https://example.org/feed", true},
           {"HTTP://example.org/", true},
           {"javascript:alert(1)", false},
           {"JavaScript:alert(1)", false},
           {" javascript:alert(1)", false},
           {"java\tscript:alert(1)", false},
           {"data:text/html,<script>", false},
           {"file:///etc/passwd", false},
           {"https:example.org", false},
           {"https://example.org/a b", false},
           {"/relative", false},
           {"", false}}) {
    EXPECT_EQ(linkable_url(url).has_value(), linkable) << url;
  }
  EXPECT_EQ(link_or_text("javascript:alert(1)", "<x>"), "&lt;x&gt;");
  EXPECT_EQ(link_or_text("https://e.org/?a=1&b=\"", "t"),
            "<a href=\"https://e.org/?a=1&amp;b=&quot;\" rel=\"noreferrer\">t</a>");
}

TEST(HtmlText, FormatsTimesAndDurations) {
  const TimePoint at{std::chrono::seconds{1710072005}};
  EXPECT_EQ(format_utc(at), "2024-03-10 12:00:05 UTC");
  EXPECT_EQ(format_relative(at - 90s, at), "1 min ago");
  EXPECT_EQ(format_relative(at + 2h, at), "in 2 h 0 min");
  EXPECT_EQ(format_relative(at, at), "just now");
  EXPECT_EQ(format_relative(std::nullopt, at), "—");
  EXPECT_EQ(format_duration(120ms), "120 ms");
  EXPECT_EQ(format_duration(1500ms), "1.5 s");
  EXPECT_EQ(format_span(std::chrono::seconds(3 * 86400 + 4 * 3600 + 59)), "3 d 4 h");
}

TEST(Sparkline, PointsForKnownCounts) {
  std::array<std::int64_t, sparkline_days> counts{};
  counts[0] = 4;
  counts[1] = 2;
  counts[29] = 1;
  const auto points = sparkline_points(counts);
  EXPECT_TRUE(points.starts_with("0,1 4,12 8,23 12,23 ")) << points;
  EXPECT_TRUE(points.ends_with(" 112,23 116,17.5")) << points;
  EXPECT_EQ(std::count(points.begin(), points.end(), ','), 30);
}

TEST(Sparkline, AllZerosIsAFlatLineAtTheBottom) {
  const auto points = sparkline_points({});
  EXPECT_TRUE(points.starts_with("0,23 4,23 ")) << points;
  EXPECT_EQ(points.find(",1 "), std::string::npos);
  const auto svg = render_sparkline({});
  EXPECT_TRUE(svg.starts_with("<svg class=\"spark\""));
  EXPECT_NE(svg.find("<title>0 items in 30 days</title>"), std::string::npos);
}

}  // namespace
}  // namespace feedd
