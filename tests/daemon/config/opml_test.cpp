#include "daemon/config/opml.hpp"

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace feedd {
namespace {

using testing::problems_of;

const std::string data_folder = FEEDD_SOURCE_DIR "/tests/daemon/config/data";

std::vector<std::string> problem_lines(const OpmlLoadResult& result) {
  std::vector<std::string> lines;
  for (const ConfigProblem& problem : result.problems) lines.push_back(problem.to_string());
  return lines;
}

TEST(Opml, ReadsFeedsWithFolderTagsAndCategories) {
  const OpmlLoadResult result =
      load_opml(data_folder + "/subscriptions.opml", "data/subscriptions.opml");
  ASSERT_TRUE(result.problems.empty()) << ::testing::PrintToString(problem_lines(result));
  ASSERT_EQ(result.feeds.size(), 3u);
  EXPECT_EQ(result.feeds[0].url, "https://gazette.example/rss.xml");
  EXPECT_EQ(result.feeds[0].title, "Harbour Gazette");
  EXPECT_EQ(result.feeds[0].tags, (std::vector<std::string>{"News"}));
  EXPECT_EQ(result.feeds[0].origin.to_string(), "data/subscriptions.opml:8");
  EXPECT_EQ(result.feeds[1].title, "Town Hall Notices");
  EXPECT_EQ(result.feeds[1].tags, (std::vector<std::string>{"News", "Local"}));
  EXPECT_EQ(result.feeds[2].url, "file://" + data_folder + "/local/loose.xml");
  EXPECT_EQ(result.feeds[2].tags, (std::vector<std::string>{"Rust", "misc"}));
  EXPECT_EQ(result.feeds[2].full_text, FullTextMode::automatic);
}

TEST(Opml, ReportsBadOutlinesAndKeepsTheGoodOnes) {
  const OpmlLoadResult result = load_opml(data_folder + "/broken.opml", "broken.opml");
  EXPECT_EQ(problem_lines(result),
            (std::vector<std::string>{
                "broken.opml:5: xmlUrl: scheme \"javascript\" is not supported (use http, "
                "https or file)",
                "broken.opml:6: outline of type rss has no xmlUrl"}));
  ASSERT_EQ(result.feeds.size(), 1u);
  EXPECT_EQ(result.feeds[0].url, "https://fine.example/feed");
}

TEST(Opml, ReportsXmlSyntaxErrorsWithALine) {
  const OpmlLoadResult result = load_opml(data_folder + "/truncated.opml", "truncated.opml");
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].location.line, 5);  // </body> closes the open <outline>
  EXPECT_TRUE(result.problems[0].message.starts_with("syntax error: "))
      << result.problems[0].message;
}

TEST(Opml, RejectsOtherXmlAndMissingBody) {
  EXPECT_EQ(problem_lines(load_opml_from_string("<rss>\n</rss>", "x.opml", "/")),
            (std::vector<std::string>{"x.opml:1: not an OPML file (root element is <rss>)"}));
  EXPECT_EQ(problem_lines(load_opml_from_string("\n<opml><head/></opml>", "x.opml", "/")),
            (std::vector<std::string>{"x.opml:2: OPML file has no <body>"}));
}

TEST(Opml, ConfigKeyAddsFeedsAfterFeedTables) {
  const LoadResult result = load_config_from_string(
      "opml = \"data/subscriptions.opml\"\n[[feed]]\nurl = \"https://first.example/\"\n",
      FEEDD_SOURCE_DIR "/tests/daemon/config/feedd.toml");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(problems_of(result));
  ASSERT_EQ(result.config.feeds.size(), 4u);
  EXPECT_EQ(result.config.feeds[0].url, "https://first.example/");
  EXPECT_EQ(result.config.feeds[1].url, "https://gazette.example/rss.xml");
  EXPECT_EQ(result.config.opml, std::filesystem::path(data_folder + "/subscriptions.opml"));
}

TEST(Opml, ConfigReportsOpmlProblemsAfterItsOwnAndDuplicatesAcrossFiles) {
  const std::string config_file = FEEDD_SOURCE_DIR "/tests/daemon/config/feedd.toml";
  const LoadResult result = load_config_from_string(
      "opml = \"data/broken.opml\"\n[[feed]]\nurl = \"https://fine.example/feed\"\n"
      "[poll]\nconcurrency = 0\n",
      config_file);
  const std::string opml_file = FEEDD_SOURCE_DIR "/tests/daemon/config/data/broken.opml";
  EXPECT_EQ(problems_of(result),
            (std::vector<std::string>{
                config_file + ":5: poll.concurrency: must be between 1 and 10000, got 0",
                opml_file + ":4: feed \"https://fine.example/feed\" is already defined at " +
                    config_file + ":2",
                opml_file + ":5: xmlUrl: scheme \"javascript\" is not supported (use http, "
                            "https or file)",
                opml_file + ":6: outline of type rss has no xmlUrl"}));
}

TEST(Opml, ConfigReportsAMissingOpmlFile) {
  EXPECT_EQ(problems_of(testing::load("opml = \"missing.opml\"\n")),
            (std::vector<std::string>{
                "/srv/feedd/missing.opml: cannot read OPML file: No such file or directory"}));
}

}  // namespace
}  // namespace feedd
