// `feedd run` end to end: it polls the configured feeds, SIGHUP adds a feed without losing the
// stored ones, SIGTERM stops it cleanly; a broken config keeps it from starting.
#include <gtest/gtest.h>

#include "daemon/app/app_test_support.hpp"

namespace feedd::testing {
namespace {

using test::FixtureResponse;
using test::FixtureServer;

std::string config_for(const TempFolder& folder, const std::vector<std::string>& feed_urls) {
  std::string toml = "[daemon]\ndatabase = \"" + folder.path() + "/feedd.db\"\nlisten = \"127.0.0.1:0\"\n"
                     "[poll]\nallow_private_addresses = true\n"
                     "[fulltext]\nenabled = false\n";
  for (const auto& url : feed_urls) toml += "[[feed]]\nurl = \"" + url + "\"\n";
  return toml;
}

TEST(RunCommand, PollsReloadsOnSighupAndStopsOnSigterm) {
  FixtureServer server;
  for (const char* path : {"/one.xml", "/two.xml"})
    server.on(path, FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                                    .body = teaser_feed(server.url(std::string(path) + "/a"), 2, path)});
  TempFolder folder;
  auto config = folder.write("feedd.toml", config_for(folder, {server.url("/one.xml")}));
  BackgroundFeedd daemon({"run", "-c", config}, folder.path() + "/log");
  const std::string database = folder.path() + "/feedd.db";
  auto items_stored = [&](const char* count) {
    return [&, count] {
      try {
        return query_column(database, "SELECT count(*) FROM items") == std::vector<std::string>{count};
      } catch (const std::exception&) {
        return false;  // not created yet
      }
    };
  };
  ASSERT_TRUE(wait_until(items_stored("2"))) << detail::read_whole_file(folder.path() + "/log");

  folder.write("feedd.toml", config_for(folder, {server.url("/one.xml"), server.url("/two.xml")}));
  daemon.signal(SIGHUP);
  ASSERT_TRUE(wait_until(items_stored("4"))) << detail::read_whole_file(folder.path() + "/log");
  EXPECT_EQ(server.hits("/two.xml"), 1);

  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait(20), 0);
  auto log = detail::read_whole_file(folder.path() + "/log");
  EXPECT_NE(log.find("reloaded"), std::string::npos) << log;
  EXPECT_NE(log.find("stopped"), std::string::npos) << log;
  EXPECT_EQ(query_column(database, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
}

TEST(RunCommand, KeepsTheRunningConfigWhenTheReloadedOneIsBroken) {
  FixtureServer server;
  server.on("/one.xml", FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                                        .body = teaser_feed(server.url("/a"), 1)});
  TempFolder folder;
  auto config = folder.write("feedd.toml", config_for(folder, {server.url("/one.xml")}));
  BackgroundFeedd daemon({"run", "-c", config}, folder.path() + "/log");
  ASSERT_TRUE(wait_until([&] { return server.hits("/one.xml") >= 1; }));
  folder.write("feedd.toml", "[poll]\nbogus_key = 1\n");
  daemon.signal(SIGHUP);
  ASSERT_TRUE(wait_until([&] { return detail::read_whole_file(folder.path() + "/log").find("the running config stays") != std::string::npos; }))
      << detail::read_whole_file(folder.path() + "/log");
  EXPECT_NE(detail::read_whole_file(folder.path() + "/log").find("feedd.toml:2:"), std::string::npos);
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait(20), 0);
}

TEST(RunCommand, RefusesToStartWithABrokenConfig) {
  TempFolder folder;
  auto config = folder.write("feedd.toml", "[daemon]\nlisten = 8080\n");
  auto result = run_feedd({"run", "-c", config});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("feedd.toml:2:"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace feedd::testing
