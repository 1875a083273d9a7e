#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "feeds/html/dom.hpp"
#include "feeds/html/sanitize.hpp"
#include "feeds/html/text.hpp"
#include "sanitize_corpora.hpp"
#include "sanitize_properties.hpp"

namespace {

using feeds::testing::files_in;
using feeds::testing::html_fragments;
using feeds::testing::random_soup;
using feeds::testing::read_file;
namespace fs = std::filesystem;

const fs::path corpora = feeds::testing::xss_corpora;
const fs::path test_data = fs::path(FEEDD_TEST_DATA_DIR) / "html";
constexpr std::string_view base = "https://example.org/feed/";

/// Text of the parsed fragment without what the sanitizer drops with its content (§1.2 (4)).
std::string expected_text(std::string_view html) {
  static const std::set<std::string_view> dropped = {
      "applet",   "base",     "button",   "datalist", "embed", "form",   "frame",   "frameset",
      "iframe",   "input",    "keygen",   "link",     "math",  "meta",   "noembed", "noframes",
      "noscript", "object",   "optgroup", "option",   "param", "script", "select",  "style",
      "svg",      "template", "textarea", "title",    "track", "xmp"};
  pugi::xml_document doc;
  feeds::parse_html_fragment(html, doc);
  std::string text;
  std::vector<pugi::xml_node> pending = {doc.first_child()};
  while (!pending.empty()) {
    const pugi::xml_node node = pending.back();
    pending.pop_back();
    if (node.type() == pugi::node_pcdata) {
      text += node.value();
    } else if (!dropped.contains(node.name()) && !node.attribute("hidden")) {
      for (pugi::xml_node child = node.last_child(); child; child = child.previous_sibling()) {
        pending.push_back(child);
      }
    }
  }
  return feeds::collapse_whitespace(text);
}

std::string describe(const std::vector<std::string>& problems) {
  std::string text;
  for (const std::string& problem : problems) {
    text += "\n  " + problem;
  }
  return text;
}

TEST(SanitizeVectors, PropertyCheckerCatchesViolations) {
  const char* unsafe[] = {
      "<script>alert(1)</script>",
      "<p onclick=\"x\">t</p>",
      "<a href=\"javascript:alert(1)\">x</a>",
      "<img src=\"data:image/svg+xml,<svg/onload=alert(1)>\">",
      "<img srcset=\"a.png 1x, vbscript:x 2x\">",
      "<iframe src=\"https://evil.example/\" sandbox=\"\"></iframe>",
      "<p style=\"x\">t</p>",
      "<svg></svg>",
      "<a href=\" java\tscript:x\">x</a>",
      "<p>a<p>b</p></p>",
      "<b>x",
  };
  for (const char* html : unsafe) {
    EXPECT_FALSE(feeds::testing::check_sanitized(html, base).empty()) << html;
  }
  EXPECT_TRUE(feeds::testing::check_sanitized("<p>fine <b>text</b></p>", base).empty());
}

TEST(SanitizeVectors, DompurifyPayloadsComeOutSafeAndStable) {
  const std::vector<fs::path> payloads = files_in(corpora / "dompurify" / "payloads", ".html");
  ASSERT_EQ(payloads.size(), 223u);
  for (const fs::path& path : payloads) {
    const std::string input = read_file(path);
    for (const std::string_view b : {base, std::string_view()}) {
      const std::string output = feeds::sanitize_html(input, b);
      const std::vector<std::string> problems = feeds::testing::check_sanitized(output, b);
      EXPECT_TRUE(problems.empty())
          << path.filename() << " base '" << b << "'\noutput: " << output << describe(problems);
    }
  }
}

TEST(SanitizeVectors, FeedparserSanitizeFeedsComeOutSafeAndStable) {
  const std::vector<fs::path> feeds_files = files_in(corpora / "feedparser-sanitize", ".xml");
  ASSERT_EQ(feeds_files.size(), 745u);
  std::size_t fragments = 0;
  for (const fs::path& path : feeds_files) {
    for (const std::string& input : html_fragments(path)) {
      ++fragments;
      const std::string output = feeds::sanitize_html(input, base);
      const std::vector<std::string> problems = feeds::testing::check_sanitized(output, base);
      EXPECT_TRUE(problems.empty()) << path.filename() << "\ninput: " << input
                                    << "\noutput: " << output << describe(problems);
    }
  }
  EXPECT_GE(fragments, 745u);
}

TEST(SanitizeVectors, BenignFeedparserElementsKeepTheirText) {
  const std::vector<fs::path> files =
      files_in(corpora / "feedparser-sanitize", ".xml", "acceptable_");
  ASSERT_EQ(files.size(), 238u);
  for (const fs::path& path : files) {
    for (const std::string& input : html_fragments(path)) {
      for (const std::string& wrapped :
           {input, "before " + input + " after", "<p>in " + input + " p</p>"}) {
        const std::string output = feeds::sanitize_html(wrapped, base);
        EXPECT_EQ(expected_text(output), expected_text(wrapped))
            << path.filename() << "\ninput: " << wrapped;
        EXPECT_TRUE(feeds::testing::check_sanitized(output, base).empty())
            << path.filename() << "\noutput: " << output;
      }
    }
  }
}

TEST(SanitizeVectors, BenignArticleMatchesGoldenOutputAndKeepsText) {
  const std::string input = read_file(test_data / "article.html");
  const std::string output = feeds::sanitize_html(input, "https://example.org/blog/post.html");
  EXPECT_EQ(output, read_file(test_data / "article.sanitized.html"));
  EXPECT_EQ(expected_text(output), expected_text(input));
  EXPECT_TRUE(
      feeds::testing::check_sanitized(output, "https://example.org/blog/post.html").empty());
}

}  // namespace

namespace {

TEST(SanitizeVectors, RandomTagSoupComesOutSafeAndStable) {
  std::mt19937 random(20240611);
  for (int i = 0; i < 3000; ++i) {
    const std::string input = random_soup(random);
    const std::string output = feeds::sanitize_html(input, base);
    const std::vector<std::string> problems = feeds::testing::check_sanitized(output, base);
    ASSERT_TRUE(problems.empty()) << "input: " << input << "\noutput: " << output
                                  << describe(problems);
  }
}

}  // namespace
