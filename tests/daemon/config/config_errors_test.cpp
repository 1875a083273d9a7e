#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace feedd {
namespace {

using testing::at;
using testing::load;
using testing::only_problem;
using testing::problems_of;

TEST(ConfigErrors, SyntaxErrorNamesFileAndLine) {
  EXPECT_EQ(only_problem(R"(
[poll]
interval = "30m
)"),
            at(2,
               "syntax error: Error while parsing string: unescaped control characters other "
               "than TAB (U+0009) are explicitly prohibited"));
  EXPECT_EQ(only_problem("[poll]\n[daemon\n"),
            at(2, "syntax error: Error while parsing table header: expected ']', saw '\\n'"));
}

TEST(ConfigErrors, WrongTypes) {
  EXPECT_EQ(only_problem("[poll]\nconcurrency = \"32\"\n"),
            at(2, "poll.concurrency: expected an integer, got string"));
  EXPECT_EQ(only_problem("[poll]\ninterval = 30\n"),
            at(2, "poll.interval: expected a duration string like \"30m\", got integer"));
  EXPECT_EQ(only_problem("[poll]\nmax_size = 1.5\n"),
            at(2, "poll.max_size: expected a size string like \"20MiB\", got float"));
  EXPECT_EQ(only_problem("[poll]\nallow_private_addresses = \"no\"\n"),
            at(2, "poll.allow_private_addresses: expected true or false, got string"));
  EXPECT_EQ(only_problem("[[feed]]\nurl = \"https://a.example/\"\ntags = \"news\"\n"),
            at(3, "feed.tags: expected an array of strings, got string"));
  EXPECT_EQ(only_problem("[[feed]]\nurl = \"https://a.example/\"\ntags = [\"a\", 1]\n"),
            at(3, "feed.tags: expected an array of strings, found integer"));
  EXPECT_EQ(only_problem("poll = 3\n"), at(1, "poll: expected a table, got integer"));
  EXPECT_EQ(only_problem("feed = \"x\"\n"), at(1, "feed: expected [[feed]] tables, got string"));
}

TEST(ConfigErrors, BadValues) {
  EXPECT_EQ(only_problem("[poll]\nconcurrency = 0\n"),
            at(2, "poll.concurrency: must be between 1 and 10000, got 0"));
  EXPECT_EQ(only_problem("[retention]\nmax_items_per_feed = -5\n"),
            at(2, "retention.max_items_per_feed: must be between 1 and 1000000000, got -5"));
  EXPECT_EQ(only_problem("[poll]\ntimeout = \"0s\"\n"),
            at(2, "poll.timeout: must be at least 1s, got \"0s\""));
  EXPECT_EQ(only_problem("[poll]\ntimeout = \"30 s\"\n"),
            at(2,
               "poll.timeout: invalid duration \"30 s\" (use e.g. \"30s\", \"15m\", \"2h\", "
               "\"7d\" or \"1h30m\")"));
  EXPECT_EQ(only_problem("[poll]\nmax_size = \"20XB\"\n"),
            at(2,
               "poll.max_size: invalid size \"20XB\" (use e.g. \"512KiB\", \"20MiB\", "
               "\"1GiB\")"));
  EXPECT_EQ(only_problem("[poll]\nmax_size = \"0MiB\"\n"),
            at(2, "poll.max_size: must be at least 1B, got \"0MiB\""));
  EXPECT_EQ(only_problem("[dedup]\nmax_distance = 65\n"),
            at(2, "dedup.max_distance: must be between 0 and 64, got 65"));
  EXPECT_EQ(only_problem("[daemon]\ndatabase = \"\"\n"),
            at(2, "daemon.database: must not be empty"));
  EXPECT_EQ(only_problem("[daemon]\nuser_agent = \"a\\nb\"\n"),
            at(2, "daemon.user_agent: must not contain control characters"));
  EXPECT_EQ(only_problem("[fulltext]\nsite_rules = \"/nonexistent/rules\"\n"),
            at(2, "fulltext.site_rules: \"/nonexistent/rules\" is not a folder"));
}

TEST(ConfigErrors, ListenMustBeHostColonPort) {
  for (const char* listen : {"8080", "localhost", ":8080", "host:", "host:65536", "host:http",
                             "a b:80", "[]:80", "::1:80x"}) {
    EXPECT_EQ(only_problem(std::string("[daemon]\nlisten = \"") + listen + "\"\n"),
              at(2, std::string("daemon.listen: expected HOST:PORT (port 0-65535), got \"") +
                        listen + "\""));
  }
}

TEST(ConfigErrors, LogLevelMustBeAnSpdlogLevel) {
  EXPECT_EQ(only_problem("[daemon]\nlog_level = \"verbose\"\n"),
            at(2,
               "daemon.log_level: unknown level \"verbose\" (use trace, debug, info, warn, "
               "error, critical or off)"));
}

TEST(ConfigErrors, MinIntervalAboveMaxInterval) {
  EXPECT_EQ(only_problem("[poll]\ninterval = \"1h\"\nmin_interval = \"2h\"\nmax_interval = "
                         "\"1h\"\n"),
            at(3, "poll.min_interval (2h) is greater than poll.max_interval (1h)"));
}

TEST(ConfigErrors, IntervalsOutsideTheBounds) {
  EXPECT_EQ(only_problem("[poll]\ninterval = \"1m\"\n"),
            at(2, "poll.interval (1m) is outside poll.min_interval..max_interval [5m, 1d]"));
  EXPECT_EQ(only_problem("[[feed]]\nurl = \"https://a.example/\"\ninterval = \"2d\"\n"),
            at(1, "feed.interval (2d) is outside poll.min_interval..max_interval [5m, 1d]"));
}

TEST(ConfigErrors, FeedUrlSchemes) {
  EXPECT_EQ(only_problem("[[feed]]\nurl = \"ftp://a.example/feed\"\n"),
            at(2, "feed.url: scheme \"ftp\" is not supported (use http, https or file)"));
  EXPECT_EQ(only_problem("[[feed]]\nurl = \"example.org/feed\"\n"),
            at(2, "feed.url: \"example.org/feed\" is not a URL (use http://, https:// or file:)"));
  EXPECT_EQ(only_problem("[[feed]]\nurl = \"https:///feed\"\n"),
            at(2, "feed.url: invalid URL \"https:///feed\""));
  EXPECT_EQ(only_problem("[[feed]]\nurl = \"file://\"\n"),
            at(2, "feed.url: invalid file URL \"file://\""));
  EXPECT_EQ(only_problem("[[feed]]\ntitle = \"No URL\"\n"), at(1, "[[feed]] has no url"));
}

TEST(ConfigErrors, FullTextMode) {
  EXPECT_EQ(only_problem("[[feed]]\nurl = \"https://a.example/\"\nfull_text = \"yes\"\n"),
            at(3, "feed.full_text: expected auto, always or never, got \"yes\""));
}

TEST(ConfigErrors, DuplicateFeedUrlsAfterNormalization) {
  EXPECT_EQ(only_problem(R"(
[[feed]]
url = "https://example.org/feed.xml"

[[feed]]
url = "HTTPS://Example.org/a/../feed.xml"
)"),
            at(4,
               "feed \"HTTPS://Example.org/a/../feed.xml\" is already defined at "
               "/srv/feedd/feedd.toml:1"));
}

TEST(ConfigErrors, OutputNames) {
  EXPECT_EQ(only_problem("[[output]]\nname = \"My News\"\n"),
            at(2, "output.name: \"My News\" must match [a-z0-9_-]+"));
  EXPECT_EQ(only_problem("[[output]]\ntitle = \"x\"\n"), at(1, "[[output]] has no name"));
  EXPECT_EQ(only_problem("[[output]]\nname = \"news\"\n[[output]]\nname = \"news\"\n"),
            at(3, "output \"news\" is already defined at /srv/feedd/feedd.toml:1"));
}

TEST(ConfigErrors, RegexesMustCompile) {
  const auto problems = problems_of(load("[[output]]\nname = \"x\"\ninclude = \"(rust\"\n"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(problems[0].starts_with(at(3, "output.include: invalid regex \"(rust\": ")))
      << problems[0];
  EXPECT_EQ(only_problem("[[output]]\nname = \"x\"\nlimit = 0\n"),
            at(3, "output.limit: must be between 1 and 100000, got 0"));
}

TEST(ConfigErrors, UnknownKeysAtEveryLevel) {
  EXPECT_EQ(problems_of(load(R"(
databse = "x.db"
[daemon]
listen_on = "x"
[poll]
intervall = "1h"
[fulltext]
enable = true
[retention]
max_items = 3
[dedup]
windows = "1d"
[[feed]]
url = "https://a.example/"
tag = ["x"]
[[output]]
name = "x"
filter = "y"
[extra]
a = 1
)")),
            (std::vector<std::string>{
                at(1, "unknown key \"databse\""),
                at(3, "unknown key \"listen_on\" in [daemon]"),
                at(5, "unknown key \"intervall\" in [poll]"),
                at(7, "unknown key \"enable\" in [fulltext]"),
                at(9, "unknown key \"max_items\" in [retention]"),
                at(11, "unknown key \"windows\" in [dedup]"),
                at(14, "unknown key \"tag\" in [[feed]]"),
                at(17, "unknown key \"filter\" in [[output]]"),
                at(18, "unknown key \"extra\""),
            }));
}

TEST(ConfigErrors, ReportsEveryProblemInLineOrder) {
  EXPECT_EQ(problems_of(load(R"(
[poll]
concurrency = 0
per_host = "2"
timeout = "soon"

[[feed]]
url = "gopher://a.example/"
full_text = "sometimes"

[[output]]
name = "Bad Name"
)")),
            (std::vector<std::string>{
                at(2, "poll.concurrency: must be between 1 and 10000, got 0"),
                at(3, "poll.per_host: expected an integer, got string"),
                at(4,
                   "poll.timeout: invalid duration \"soon\" (use e.g. \"30s\", \"15m\", \"2h\", "
                   "\"7d\" or \"1h30m\")"),
                at(7, "feed.url: scheme \"gopher\" is not supported (use http, https or file)"),
                at(8, "feed.full_text: expected auto, always or never, got \"sometimes\""),
                at(11, "output.name: \"Bad Name\" must match [a-z0-9_-]+"),
            }));
}

}  // namespace
}  // namespace feedd
