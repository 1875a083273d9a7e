#include "daemon/config/config.hpp"

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace feedd {
namespace {

using namespace std::chrono_literals;
using testing::load;
using testing::problems_of;

TEST(ConfigDefaults, EmptyFileGivesEveryDocumentedDefault) {
  const LoadResult result = load("");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(problems_of(result));
  const Config& config = result.config;
  EXPECT_EQ(config.daemon.database, "/var/lib/feedd/feedd.db");
  EXPECT_EQ(config.daemon.listen.to_string(), "127.0.0.1:8080");
  EXPECT_EQ(config.daemon.user_agent,
            std::string("feedd/") + FEEDD_VERSION + " (+https://github.com/feedd/feedd)");
  EXPECT_EQ(config.daemon.log_level, "info");
  EXPECT_EQ(config.poll.interval, 30min);
  EXPECT_EQ(config.poll.min_interval, 5min);
  EXPECT_EQ(config.poll.max_interval, 24h);
  EXPECT_EQ(config.poll.concurrency, 32);
  EXPECT_EQ(config.poll.per_host, 2);
  EXPECT_EQ(config.poll.timeout, 30s);
  EXPECT_EQ(config.poll.max_size, 20u * 1024 * 1024);
  EXPECT_FALSE(config.poll.allow_private_addresses);
  EXPECT_TRUE(config.fulltext.enabled);
  EXPECT_EQ(config.fulltext.concurrency, 4);
  EXPECT_FALSE(config.fulltext.site_rules.has_value());
  EXPECT_EQ(config.retention.max_age, 180 * 24h);
  EXPECT_EQ(config.retention.max_items_per_feed, 2000);
  EXPECT_EQ(config.dedup.window, 3 * 24h);
  EXPECT_EQ(config.dedup.max_distance, 3);
  EXPECT_FALSE(config.dedup.tracking_parameters.empty());
  EXPECT_FALSE(config.opml.has_value());
  EXPECT_TRUE(config.feeds.empty());
}

TEST(ConfigDefaults, AddsTheOutputAllWithLimit100) {
  const LoadResult result = load("");
  ASSERT_EQ(result.config.outputs.size(), 1u);
  const OutputConfig& all = result.config.outputs.front();
  EXPECT_EQ(all.name, "all");
  EXPECT_TRUE(all.tags.empty());
  EXPECT_EQ(all.limit, 100);
  EXPECT_FALSE(all.include.has_value());
}

TEST(ConfigDefaults, FeedGetsFullTextAutoAndNoOverrides) {
  const LoadResult result = load(R"(
[[feed]]
url = "https://example.org/feed.xml"
)");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(problems_of(result));
  ASSERT_EQ(result.config.feeds.size(), 1u);
  const FeedConfig& feed = result.config.feeds.front();
  EXPECT_EQ(feed.url, "https://example.org/feed.xml");
  EXPECT_EQ(feed.full_text, FullTextMode::automatic);
  EXPECT_FALSE(feed.title || feed.interval || feed.content_selector || feed.remove_selector);
  EXPECT_TRUE(feed.tags.empty());
  EXPECT_EQ(feed.origin.to_string(), "/srv/feedd/feedd.toml:1");
}

TEST(ConfigLoad, ReadsEveryKey) {
  const LoadResult result = load(R"(
[daemon]
database = "state/feedd.db"
listen = "[::1]:9090"
user_agent = "test-agent/1"
log_level = "debug"
[poll]
interval = "1h"
min_interval = "10m"
max_interval = "2d"
concurrency = 8
per_host = 1
timeout = "1m30s"
max_size = "512KiB"
allow_private_addresses = true
[fulltext]
enabled = false
concurrency = 2
site_rules = "/"
[retention]
max_age = "30d"
max_items_per_feed = 50
[dedup]
window = "1d"
max_distance = 5
tracking_parameters = ["utm_source", "ref"]
)");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(problems_of(result));
  const Config& config = result.config;
  EXPECT_EQ(config.daemon.database, "/srv/feedd/state/feedd.db");
  EXPECT_EQ(config.daemon.listen.host, "::1");
  EXPECT_EQ(config.daemon.listen.port, 9090);
  EXPECT_EQ(config.daemon.user_agent, "test-agent/1");
  EXPECT_EQ(config.daemon.log_level, "debug");
  EXPECT_EQ(config.poll.interval, 1h);
  EXPECT_EQ(config.poll.min_interval, 10min);
  EXPECT_EQ(config.poll.max_interval, 48h);
  EXPECT_EQ(config.poll.concurrency, 8);
  EXPECT_EQ(config.poll.per_host, 1);
  EXPECT_EQ(config.poll.timeout, 90s);
  EXPECT_EQ(config.poll.max_size, 512u * 1024);
  EXPECT_TRUE(config.poll.allow_private_addresses);
  EXPECT_FALSE(config.fulltext.enabled);
  EXPECT_EQ(config.fulltext.concurrency, 2);
  EXPECT_EQ(config.fulltext.site_rules, std::filesystem::path("/"));
  EXPECT_EQ(config.retention.max_age, 30 * 24h);
  EXPECT_EQ(config.retention.max_items_per_feed, 50);
  EXPECT_EQ(config.dedup.window, 24h);
  EXPECT_EQ(config.dedup.max_distance, 5);
  EXPECT_EQ(config.dedup.tracking_parameters, (std::vector<std::string>{"utm_source", "ref"}));
}

TEST(ConfigLoad, ReadsFeedAndOutputTables) {
  const LoadResult result = load(R"(
[[feed]]
url = "https://example.org/feed.xml"
title = "Example"
tags = ["news", "tech"]
interval = "2h"
full_text = "always"
content_selector = "article .entry-content"
remove_selector = ".share, .related"

[[output]]
name = "news"
title = "My news"
tags = ["news"]
include = "(?i)rust|c\\+\\+"
exclude = "(?i)sponsored"
limit = 25
)");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(problems_of(result));
  const FeedConfig& feed = result.config.feeds.at(0);
  EXPECT_EQ(feed.title, "Example");
  EXPECT_EQ(feed.tags, (std::vector<std::string>{"news", "tech"}));
  EXPECT_EQ(feed.interval, 2h);
  EXPECT_EQ(feed.full_text, FullTextMode::always);
  EXPECT_EQ(feed.content_selector, "article .entry-content");
  EXPECT_EQ(feed.remove_selector, ".share, .related");
  ASSERT_EQ(result.config.outputs.size(), 2u);
  const OutputConfig& news = result.config.outputs.at(0);
  EXPECT_EQ(news.name, "news");
  EXPECT_EQ(news.title, "My news");
  EXPECT_EQ(news.tags, (std::vector<std::string>{"news"}));
  EXPECT_EQ(news.include, "(?i)rust|c\\+\\+");
  EXPECT_EQ(news.exclude, "(?i)sponsored");
  EXPECT_EQ(news.limit, 25);
  EXPECT_EQ(news.origin.line, 10);
  EXPECT_EQ(result.config.outputs.at(1).name, "all");
}

TEST(ConfigLoad, OutputTitleDefaultsToNameAndDefiningAllReplacesTheDefault) {
  const LoadResult result = load(R"(
[[output]]
name = "all"
limit = 10
)");
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.config.outputs.size(), 1u);
  EXPECT_EQ(result.config.outputs[0].title, "all");
  EXPECT_EQ(result.config.outputs[0].limit, 10);
}

TEST(ConfigLoad, ResolvesRelativeFileUrlsAgainstTheConfigFolder) {
  const LoadResult result = load(R"(
[[feed]]
url = "file://demo/blog.xml"
[[feed]]
url = "file:demo/../other feed.xml"
[[feed]]
url = "file:///var/feeds/a.xml"
[[feed]]
url = "file://localhost/var/feeds/b.xml"
)");
  ASSERT_TRUE(result.ok()) << ::testing::PrintToString(problems_of(result));
  ASSERT_EQ(result.config.feeds.size(), 4u);
  EXPECT_EQ(result.config.feeds[0].url, "file:///srv/feedd/demo/blog.xml");
  EXPECT_EQ(result.config.feeds[1].url, "file:///srv/feedd/other%20feed.xml");
  EXPECT_EQ(result.config.feeds[2].url, "file:///var/feeds/a.xml");
  EXPECT_EQ(result.config.feeds[3].url, "file:///var/feeds/b.xml");
}

TEST(ConfigLoad, ResolvesRelativeDatabasePathAgainstTheConfigFolder) {
  const LoadResult result = load_config_from_string("[daemon]\ndatabase = \"../state/feedd.db\"\n",
                                                    "/srv/feedd/conf/feedd.toml");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.config.daemon.database, "/srv/feedd/state/feedd.db");
}

TEST(ConfigLoad, AcceptsListenForms) {
  for (const char* listen : {"127.0.0.1:8080", "localhost:80", "0.0.0.0:0", "[::]:8080"}) {
    const LoadResult result = load(std::string("[daemon]\nlisten = \"") + listen + "\"\n");
    ASSERT_TRUE(result.ok()) << listen;
    EXPECT_EQ(result.config.daemon.listen.to_string(), listen);
  }
}

TEST(ConfigLoad, ReadsAFileFromDisk) {
  const LoadResult result = load_config(FEEDD_SOURCE_DIR "/config/feedd.toml");
  EXPECT_TRUE(result.ok()) << ::testing::PrintToString(problems_of(result));
}

TEST(ConfigLoad, ReportsAnUnreadableFile) {
  const LoadResult result = load_config("/nonexistent/feedd.toml");
  EXPECT_EQ(problems_of(result),
            (std::vector<std::string>{"/nonexistent/feedd.toml: cannot read config file: No such "
                                      "file or directory"}));
}

}  // namespace
}  // namespace feedd
