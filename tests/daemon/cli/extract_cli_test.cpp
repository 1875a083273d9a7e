#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "run_feedd.hpp"

namespace feedd {
namespace {

using ::testing::HasSubstr;
using testing::run_feedd;
using testing::TempFolder;

const std::string kSeed = FEEDD_TEST_DATA_DIR "/extract/seed.html";
const std::string kHome = FEEDD_TEST_DATA_DIR "/extract/home.html";
const std::string kSeedUrl =
    "https://www.mintpressnews.com/russia-quit-international-criminal-court/222086/";

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

TEST(ExtractCli, TextIsTheArticleBody) {
  const auto result = run_feedd({"extract", kSeed, "--url", kSeedUrl});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Just days after the International Criminal Court"));
  EXPECT_THAT(result.out, HasSubstr("ICC.\n\nUnder a directive"));
  EXPECT_THAT(result.out, ::testing::Not(HasSubstr("Follow Us")));
}

TEST(ExtractCli, JsonCarriesTheMetadata) {
  const auto result = run_feedd({"extract", kSeed, "--url", kSeedUrl, "--format", "json"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"title\":\"Why Russia Just Quit The International Criminal Court\""));
  EXPECT_THAT(result.out, HasSubstr("\"byline\":\"Darius Shahtahmasebi\""));
  EXPECT_THAT(result.out, HasSubstr("\"published\":\"2016-11-18T17:38:53Z\""));
  EXPECT_THAT(result.out, HasSubstr("\"method\":\"readability\""));
}

TEST(ExtractCli, HtmlIsSanitizedWithAbsoluteLinks) {
  const auto result = run_feedd({"extract", kSeed, "--url", kSeedUrl, "--format", "html"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("<blockquote>"));
  EXPECT_THAT(result.out, ::testing::Not(HasSubstr("<script")));
}

TEST(ExtractCli, NoArticleExits1WithAMessage) {
  const auto result = run_feedd({"extract", kHome});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("no article"));
  EXPECT_EQ(result.out, "");
}

TEST(ExtractCli, MissingFileExits1) {
  const auto result = run_feedd({"extract", "/nonexistent/page.html"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("cannot open"));
}

TEST(ExtractCli, UsageErrorsExit2) {
  EXPECT_EQ(run_feedd({"extract"}).exit_code, 2);
  EXPECT_EQ(run_feedd({"extract", kSeed, "--format", "pdf"}).exit_code, 2);
  EXPECT_EQ(run_feedd({"extract", kSeed, "--batch", "list.tsv"}).exit_code, 2);
}

TEST(ExtractCli, BatchWritesOneFilePerArticleAndSkipsNonArticles) {
  const TempFolder folder;
  const std::string seed_out = folder.path() + "/seed.txt";
  const std::string home_out = folder.path() + "/home.txt";
  const std::string list = folder.write(
      "list.tsv", "seed\t" + kSeed + "\t" + kSeedUrl + "\t" + seed_out + "\n" + "home\t" + kHome +
                      "\thttps://news.test/\t" + home_out + "\n");
  const auto result = run_feedd({"extract", "--batch", list});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(read_text(seed_out), HasSubstr("It most likely won’t be the last."));
  EXPECT_FALSE(std::ifstream(home_out).good());
  EXPECT_THAT(result.err, HasSubstr("home: "));
}

TEST(ExtractCli, BatchReportsAMalformedLine) {
  const TempFolder folder;
  const std::string list = folder.write("list.tsv", "only-two\tfields\n");
  const auto result = run_feedd({"extract", "--batch", list});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("list.tsv:1:"));
}

}  // namespace
}  // namespace feedd
