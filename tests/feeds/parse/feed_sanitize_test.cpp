// Every hostile feed of the sanitizer corpora through the whole parser (parse → sanitize):
// security.md §1.2 properties 1 and 3 on every item's content_html, as served to readers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "feeds/html/sanitize_properties.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace feeds {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Parses every .xml file under `folder` and checks each item's content; returns files seen.
int check_folder(const fs::path& folder) {
  int files = 0;
  constexpr std::string_view base = "http://example.com/feeds/";
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.path().extension() != ".xml") continue;
    ++files;
    auto bytes = read_file(entry.path());
    auto feed = parse_feed(ParseRequest{bytes, base, ""});
    if (!feed) continue;  // not a feed: nothing is published
    for (const auto& item : feed->items) {
      if (!item.content_html) continue;
      auto problems = testing::check_sanitized(*item.content_html, base);
      EXPECT_TRUE(problems.empty()) << entry.path() << ": " << problems.front() << "\n" << *item.content_html;
    }
  }
  return files;
}

TEST(FeedSanitize, FeedparserSanitizerFeedsPublishOnlySafeFixedPointHtml) {
  fs::path folder = fs::path(FEEDD_SHARED_DIR) / "corpora/xss-vectors/feedparser-sanitize";
  EXPECT_GE(check_folder(folder), 700);
}

TEST(FeedSanitize, FeedparserWellformedSanitizeTestsPublishOnlySafeFixedPointHtml) {
  fs::path folder = fs::path(FEEDD_SHARED_DIR) / "corpora/feedparser-tests/wellformed/sanitize";
  EXPECT_GE(check_folder(folder), 700);
}

}  // namespace
}  // namespace feeds
