#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "run_feedd.hpp"

namespace feedd {
namespace {

using ::testing::HasSubstr;
using testing::run_feedd;
using testing::TempFolder;

const std::string source_dir = FEEDD_SOURCE_DIR;

TEST(Cli, VersionPrintsNameAndVersion) {
  const auto result = run_feedd({"--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, std::string("feedd ") + FEEDD_VERSION + "\n");
}

TEST(Cli, HelpListsTheCommands) {
  const auto result = run_feedd({"help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.out, HasSubstr("check"));
  EXPECT_THAT(result.out, HasSubstr("parse"));
  EXPECT_THAT(result.out, HasSubstr("--log-level"));
}

TEST(Cli, HelpForOneCommandShowsItsOptions) {
  const auto result = run_feedd({"help", "check"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.out, HasSubstr("--config"));
  EXPECT_EQ(run_feedd({"check", "--help"}).exit_code, 0);
}

TEST(Cli, HelpForAnUnknownCommandIsAUsageError) {
  const auto result = run_feedd({"help", "frobnicate"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "feedd help: unknown command \"frobnicate\"\n");
}

TEST(Cli, NoCommandPrintsHelpAndExits2) {
  const auto result = run_feedd({});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("check"));
  EXPECT_EQ(result.out, "");
}

TEST(Cli, UnknownCommandExits2) {
  const auto result = run_feedd({"frobnicate"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("frobnicate"));
}

TEST(Cli, BadLogLevelExits2) {
  EXPECT_EQ(run_feedd({"--log-level", "verbose", "help"}).exit_code, 2);
}

TEST(Cli, CheckAcceptsTheAnnotatedExample) {
  const std::string config = source_dir + "/config/feedd.toml";
  const auto result = run_feedd({"check", "-c", config});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, config + ": ok, 0 feeds, 1 output\n");
}

TEST(Cli, CheckAcceptsTheDemoWithGlobalOptionAfterTheCommand) {
  const std::string config = source_dir + "/config/demo.toml";
  const auto result = run_feedd({"check", "--config", config, "--log-level", "debug"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, config + ": ok, 3 feeds, 2 outputs\n");
}

TEST(Cli, CheckPrintsEveryProblemWithFileAndLine) {
  const TempFolder folder;
  const std::string config = folder.write("feedd.toml", R"([poll]
concurrency = 0
intervall = "1h"

[[feed]]
url = "ftp://example.org/feed"
)");
  const auto result = run_feedd({"check", "-c", config});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            config + ":2: poll.concurrency: must be between 1 and 10000, got 0\n" + config +
                ":3: unknown key \"intervall\" in [poll]\n" + config +
                ":6: feed.url: scheme \"ftp\" is not supported (use http, https or file)\n");
}

TEST(Cli, CheckReportsAMissingFile) {
  const auto result = run_feedd({"check", "-c", "/nonexistent/feedd.toml"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "/nonexistent/feedd.toml: cannot read config file: No such file or directory\n");
}

TEST(Cli, ParseOfAMissingFileExits1) {
  const auto result = run_feedd({"parse", "/nonexistent/feed.xml"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("/nonexistent/feed.xml"));
  EXPECT_EQ(result.out, "");
}

TEST(Cli, ParseNeedsExactlyOneOfPathAndBatch) {
  EXPECT_EQ(run_feedd({"parse"}).exit_code, 2);
  EXPECT_EQ(run_feedd({"parse", "a.xml", "--batch", "list.tsv"}).exit_code, 2);
}

TEST(Cli, ParsePrintsJsonForTheDemoFeed) {
  const std::string feed = source_dir + "/config/demo/harbour-notes.xml";
  const auto result = run_feedd({"parse", feed, "--base", "file://" + feed});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"title\":\"Harbour Notes\""));
  EXPECT_THAT(result.out,
              HasSubstr("file://" + source_dir + "/config/demo/articles/tide-tables.html"));
}

}  // namespace
}  // namespace feedd
