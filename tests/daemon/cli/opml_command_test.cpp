// feedd opml export | import: the subscriptions out as OPML and back as [[feed]] TOML.
#include <gtest/gtest.h>

#include "daemon/cli/run_feedd.hpp"
#include "daemon/config/config.hpp"

namespace feedd::testing {
namespace {

const char* const subscriptions_toml = R"toml([daemon]
database = "feedd.db"

[[feed]]
url = "https://quotes.example/feed.xml"
title = "Say \"hi\" \\ back"
tags = ["news", "tech & science"]

[[feed]]
url = "https://plain.example/rss"
)toml";

LoadResult load_toml(const TempFolder& folder, const std::string& toml) {
  return load_config_from_string(toml, folder.path() + "/imported.toml");
}

TEST(OpmlCommand, ExportThenImportGivesTheSameFeeds) {
  TempFolder folder;
  const auto config = folder.write("feedd.toml", subscriptions_toml);
  const auto exported = run_feedd({"opml", "export", "-c", config});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.out.find("<opml version=\"2.0\">"), std::string::npos);
  const auto imported = run_feedd({"opml", "import", folder.write("out.opml", exported.out)});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto loaded = load_toml(folder, imported.out);
  ASSERT_TRUE(loaded.ok()) << loaded.problems.front().to_string() << "\n" << imported.out;
  const auto original = load_config(config);
  ASSERT_EQ(loaded.config.feeds.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(loaded.config.feeds[i].url, original.config.feeds[i].url);
    EXPECT_EQ(loaded.config.feeds[i].tags, original.config.feeds[i].tags);
  }
  EXPECT_EQ(loaded.config.feeds[0].title, "Say \"hi\" \\ back");
}

TEST(OpmlCommand, ImportEscapesEverythingTomlCannotHoldRaw) {
  TempFolder folder;
  const auto opml = folder.write("in.opml", R"(<?xml version="1.0"?>
<opml version="1.0"><body><outline text="Folder &quot;A&quot;">
<outline type="rss" text="Tab&#9;and&#10;newline \ and &#127; del" xmlUrl="https://a.example/feed"/>
</outline></body></opml>)");
  const auto imported = run_feedd({"opml", "import", opml});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto loaded = load_toml(folder, imported.out);
  ASSERT_TRUE(loaded.ok()) << loaded.problems.front().to_string() << "\n" << imported.out;
  ASSERT_EQ(loaded.config.feeds.size(), 1u);
  EXPECT_EQ(loaded.config.feeds[0].title, "Tab\tand\nnewline \\ and \x7F del");
  EXPECT_EQ(loaded.config.feeds[0].tags, std::vector<std::string>{"Folder \"A\""});
}

TEST(OpmlCommand, ImportOfANonOpmlOrBrokenFileNamesItAndFails) {
  TempFolder folder;
  const auto rss = folder.write("feed.xml", "<rss version=\"2.0\"><channel/></rss>");
  const auto not_opml = run_feedd({"opml", "import", rss});
  EXPECT_EQ(not_opml.exit_code, 1);
  EXPECT_NE(not_opml.err.find(rss), std::string::npos) << not_opml.err;
  EXPECT_NE(not_opml.err.find("not an OPML file"), std::string::npos) << not_opml.err;
  EXPECT_TRUE(not_opml.out.empty());

  const auto broken = folder.write("broken.opml", "<opml><body><outline text=\"x\"");
  const auto syntax = run_feedd({"opml", "import", broken});
  EXPECT_EQ(syntax.exit_code, 1);
  EXPECT_NE(syntax.err.find(broken), std::string::npos) << syntax.err;

  const auto missing = run_feedd({"opml", "import", folder.path() + "/absent.opml"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("absent.opml"), std::string::npos) << missing.err;
  EXPECT_EQ(run_feedd({"opml", "import"}).exit_code, 2);
}

}  // namespace
}  // namespace feedd::testing
