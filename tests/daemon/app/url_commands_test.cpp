// `feedd parse URL` and `feedd extract URL`: one fetch with the daemon's HTTP client.
#include <gtest/gtest.h>

#include "daemon/app/app_test_support.hpp"

namespace feedd::testing {
namespace {

using test::FixtureResponse;
using test::FixtureServer;

TEST(UrlCommands, ParseFetchesTheUrlAndResolvesAgainstTheFinalUrl) {
  FixtureServer server;
  server.on("/old", FixtureResponse{.status = 301, .headers = {{"Location", "/feeds/new.xml"}}});
  server.on("/feeds/new.xml",
            FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                            .body = "<rss version=\"2.0\"><channel><title>T</title><item><link>post</link>"
                                    "<guid>1</guid></item></channel></rss>"});
  auto result = run_feedd({"parse", server.url("/old")});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\"url\":\"" + server.url("/feeds/post") + "\""), std::string::npos) << result.out;
}

TEST(UrlCommands, ParseOfAWebPageNamesTheFeedsItLinksTo) {
  FixtureServer server;
  server.on("/", FixtureResponse{.headers = {{"Content-Type", "text/html"}},
                                 .body = "<!DOCTYPE html><html><head><link rel=\"alternate\" "
                                         "type=\"application/atom+xml\" href=\"/atom.xml\"></head><body></body></html>"});
  auto result = run_feedd({"parse", server.url("/")});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("links to these feeds: " + server.url("/atom.xml")), std::string::npos) << result.err;
}

TEST(UrlCommands, ParseReportsHttpErrors) {
  FixtureServer server;
  auto result = run_feedd({"parse", server.url("/missing.xml")});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("HTTP 404"), std::string::npos) << result.err;
}

TEST(UrlCommands, ExtractFetchesThePage) {
  FixtureServer server;
  server.on("/story", FixtureResponse{.headers = {{"Content-Type", "text/html; charset=utf-8"}},
                                      .body = article_page("A fetched story")});
  auto result = run_feedd({"extract", server.url("/story")});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Paragraph 3 of A fetched story"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("Copyright Example"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace feedd::testing
