// Cross-feed dedup end to end (issue 6): three local feeds (file://) repeat each other's
// stories with tracking parameters, http/www variants and edited titles; after `feedd poll`
// every story is stored once with all its sources.

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <vector>

#include "daemon/cli/run_feedd.hpp"

namespace feedd {
namespace {

using testing::run_feedd;
using testing::TempFolder;

struct Story {
  std::string slug;
  std::string title;
  std::string text;
};

const std::vector<Story> stories = {
    {"russia-icc", "Russia quits the International Criminal Court",
     "Just days after the International Criminal Court decided the United States and CIA may "
     "face trial for war crimes over alleged abuses committed in Afghanistan, Russia has "
     "preemptively avoided the court's jurisdiction for its own alleged abuses. It has formally "
     "withdrawn from the court under a directive signed by the president."},
    {"code-coverage", "Get your frontend JavaScript code covered",
     "Code coverage for frontend JavaScript is easier than it looks: with Istanbul, Mocha and "
     "a headless browser you can measure which lines your tests exercise and find the ones "
     "they never reach, all from one command. The setup takes ten minutes and pays for itself "
     "the first time a refactoring breaks an untested branch."},
    {"harbour-tides", "Spring tides flood the old harbour again",
     "The old harbour flooded for the third time this spring as tides rose half a metre above "
     "the forecast, and the council says the sea wall repairs promised last year have not yet "
     "started because the contract is still under review. Shop owners on the quay are "
     "counting the cost again this week."},
};

std::string item_xml(const std::string& title, const std::string& link, const std::string& text,
                     const std::string& guid) {
  return "<item><title>" + title + "</title><link>" + link + "</link><guid>" + guid +
         "</guid><description>" + text + "</description>"
         "<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item>";
}

std::string rss(const std::string& title, const std::string& items) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + title +
         "</title><link>https://example.org/</link>" + items + "</channel></rss>";
}

/// The publisher's own feed, an aggregator repeating its links with tracking parameters, and a
/// syndicating site with its own URLs and edited titles.
std::vector<std::string> write_feeds(const TempFolder& folder) {
  std::string original, aggregator, syndicated;
  for (const auto& story : stories) {
    const auto link = "https://news.example.org/2024/" + story.slug;
    original += item_xml(story.title, link, story.text, "orig-" + story.slug);
    aggregator += item_xml("Link: " + story.title,
                           "http://www.news.example.org/2024/" + story.slug +
                               "/?utm_source=aggregator&amp;fbclid=x1#comments",
                           "", "agg-" + story.slug);
    syndicated += item_xml("UPDATED: " + story.title, "https://wire.example.net/" + story.slug,
                           story.text + " The post appeared first on News.",
                           "wire-" + story.slug);
  }
  return {"file://" + folder.write("original.xml", rss("News", original)),
          "file://" + folder.write("aggregator.xml", rss("Aggregator", aggregator)),
          "file://" + folder.write("syndicated.xml", rss("Wire", syndicated))};
}

std::int64_t single_number(const std::string& database, const std::string& query) {
  SQLite::Database db(database, SQLite::OPEN_READONLY);
  return db.execAndGet(query).getInt64();
}

TEST(DedupEndToEnd, EachRepeatedStoryIsStoredOnceWithEverySource) {
  TempFolder folder;
  const auto feeds = write_feeds(folder);
  const auto database = folder.path() + "/feedd.db";
  std::vector<std::string> arguments{"poll", "--database", database, "--no-full-text"};
  for (const auto& feed : feeds) {
    arguments.push_back("--feed");
    arguments.push_back(feed);
  }
  const auto result = run_feedd(arguments);
  ASSERT_EQ(result.exit_code, 0) << result.err;

  EXPECT_EQ(single_number(database, "SELECT count(*) FROM items"), 9);
  EXPECT_EQ(single_number(database, "SELECT count(*) FROM stories"), 3);
  EXPECT_EQ(single_number(database, "SELECT count(*) FROM items WHERE story_id IS NULL"), 0);
  EXPECT_EQ(single_number(database, "SELECT min(n) FROM (SELECT count(*) AS n FROM items "
                                    "GROUP BY story_id)"), 3);
  EXPECT_EQ(single_number(database, "SELECT count(*) FROM stories s JOIN items i ON "
                                    "i.id = s.primary_item_id AND i.story_id = s.id"), 3);
}

TEST(DedupEndToEnd, PollingAgainAddsNoStories) {
  TempFolder folder;
  const auto feeds = write_feeds(folder);
  const auto database = folder.path() + "/feedd.db";
  for (int round = 0; round < 2; ++round) {
    std::vector<std::string> arguments{"poll", "--database", database, "--no-full-text"};
    for (const auto& feed : feeds) {
      arguments.push_back("--feed");
      arguments.push_back(feed);
    }
    ASSERT_EQ(run_feedd(arguments).exit_code, 0);
  }
  EXPECT_EQ(single_number(database, "SELECT count(*) FROM stories"), 3);
}

}  // namespace
}  // namespace feedd
