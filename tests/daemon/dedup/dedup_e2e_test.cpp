// Cross-feed dedup end to end (issue 6): three local feeds (file://) repeat each other's
// stories with tracking parameters, http/www variants and edited titles; after `feedd poll`
// every story is stored once with all its sources, and `feedd render` shows it once per format
// listing every source (JSON Feed _feedd.sources, Atom <source> + link rel="via", RSS <source>
// + the "Also in" footer).

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <pugixml.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <boost/json.hpp>

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

/// A config subscribing to `feeds` (no full text) with its database next to it.
std::string write_config(const TempFolder& folder, const std::vector<std::string>& feeds) {
  std::string config = "[daemon]\ndatabase = \"" + folder.path() + "/feedd.db\"\n";
  for (const auto& feed : feeds)
    config += "[[feed]]\nurl = \"" + feed + "\"\nfull_text = \"never\"\n";
  return folder.write("feedd.toml", config);
}

class RenderedStories : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto poll = run_feedd({"poll", "-c", config_});
    ASSERT_EQ(poll.exit_code, 0) << poll.err;
  }
  std::string render(const std::string& format) {
    const auto result = run_feedd({"render", "-c", config_, "--format", format});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }
  std::vector<std::string> sorted_feeds() const {
    auto sorted = feeds_;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }

  TempFolder folder_;
  std::vector<std::string> feeds_ = write_feeds(folder_);
  std::string config_ = write_config(folder_, feeds_);
};

TEST_F(RenderedStories, JsonFeedHasEachStoryOnceWithEverySource) {
  const auto document = boost::json::parse(render("json"));
  const auto& items = document.at("items").as_array();
  ASSERT_EQ(items.size(), stories.size());
  for (const auto& item : items) {
    const auto& sources = item.at("_feedd").at("sources").as_array();
    std::vector<std::string> urls;
    for (const auto& source : sources) urls.emplace_back(source.at("feed_url").as_string());
    std::sort(urls.begin(), urls.end());
    EXPECT_EQ(urls, sorted_feeds()) << item.at("id").as_string();
  }
}

TEST_F(RenderedStories, AtomHasEachStoryOnceWithASourceAndTwoVias) {
  const auto text = render("atom");
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(text.c_str())) << text;
  std::size_t entries = 0;
  for (auto entry : document.child("feed").children("entry")) {
    ++entries;
    std::vector<std::string> urls{entry.child("source").child("id").text().get()};
    for (auto link : entry.children("link")) {
      if (std::string_view(link.attribute("rel").value()) == "via")
        urls.emplace_back(link.attribute("href").value());
    }
    std::sort(urls.begin(), urls.end());
    EXPECT_EQ(urls, sorted_feeds()) << entry.child("id").text().get();
  }
  EXPECT_EQ(entries, stories.size());
}

TEST_F(RenderedStories, RssHasEachStoryOnceWithASourceAndTheOthersInTheFooter) {
  const auto text = render("rss");
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(text.c_str())) << text;
  std::size_t items = 0;
  for (auto item : document.child("rss").child("channel").children("item")) {
    ++items;
    const std::string source = item.child("source").attribute("url").value();
    EXPECT_NE(std::find(feeds_.begin(), feeds_.end(), source), feeds_.end()) << source;
    const std::string content = item.child("content:encoded").text().get();
    EXPECT_NE(content.find("Also in:"), std::string::npos) << content;
    std::size_t titles = 0;
    for (const char* title : {">News</a>", ">Aggregator</a>", ">Wire</a>"})
      if (content.find(title) != std::string::npos) ++titles;
    EXPECT_EQ(titles, 2u) << "the two other sources: " << content;
  }
  EXPECT_EQ(items, stories.size());
}

}  // namespace
}  // namespace feedd
