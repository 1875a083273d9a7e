// The dashboard and a feed page of a running `feedd run`, in headless Chromium: nothing runs,
// no console errors (CSP violations included), no request leaves the daemon's own origin.
// Screenshots (desktop and phone) are saved under the build folder's screenshots/ for people
// to look at.
#include <gtest/gtest.h>

#include <filesystem>

#include "daemon/app/web_test_support.hpp"

namespace feedd::testing {
namespace {

using test::FixtureResponse;
using test::FixtureServer;

TEST(Browser, DashboardAndFeedPageLoadCleanly) {
  if (!is_executable(chromium_path()))
    GTEST_SKIP() << "no Chromium at " << chromium_path() << " (scripts/install-deps.sh installs it)";
  FixtureServer server;
  server.on("/feed.xml", FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                                         .body = teaser_feed(server.url("/article"), 3, "Fixture &lt;news&gt; &amp; notes")});
  for (int i = 1; i <= 3; ++i)
    server.on("/article/" + std::to_string(i), FixtureResponse{.headers = {{"Content-Type", "text/html"}},
                                                               .body = article_page("Story " + std::to_string(i))});
  server.on("/gone.xml", FixtureResponse{.status = 500, .reason = "Broken <b>server</b>", .body = "no"});
  TempFolder folder;
  ServingFeedd daemon(folder, serving_config(folder, feed_tables({server.url("/feed.xml"), server.url("/gone.xml")})));
  ASSERT_TRUE(daemon.wait_listening()) << daemon.log();
  ASSERT_TRUE(daemon.wait_for_items(3, "done")) << daemon.log();
  ASSERT_TRUE(wait_until([&] { return server.hits("/gone.xml") >= 1; })) << daemon.log();
  const auto ids = query_column(daemon.database(), "SELECT id FROM feeds WHERE url = '" + server.url("/feed.xml") + "'");
  ASSERT_EQ(ids.size(), 1u);

  const std::string shots = screenshot_folder();
  const boost::json::array jobs{
      {{"name", "dashboard"}, {"url", daemon.url("/")}, {"screenshot", shots + "/dashboard.png"}},
      {{"name", "feed"}, {"url", daemon.url("/feeds/" + ids[0])}, {"screenshot", shots + "/feed.png"}},
      {{"name", "dashboard-phone"}, {"url", daemon.url("/")}, {"viewport", "390x844"},
       {"screenshot", shots + "/dashboard-phone.png"}}};
  const auto jobs_file = folder.write("jobs.json", boost::json::serialize(jobs));
  const std::string origin = "127.0.0.1:" + std::to_string(daemon.port());
  auto verdict = check_in_browser({"--jobs", jobs_file, "--allow-host", origin}, 90);
  EXPECT_EQ(verdict.exit_code, 0) << verdict.failures() << verdict.raw;
  for (const std::string name : {"dashboard", "feed", "dashboard-phone"})
    EXPECT_TRUE(verdict.passed(name)) << name << ": " << verdict.problems(name);
  for (const std::string name : {"dashboard", "feed", "dashboard-phone"}) {
    std::error_code missing;
    const auto size = std::filesystem::file_size(shots + "/" + name + ".png", missing);
    EXPECT_TRUE(!missing && size > 2000u) << name << ": " << missing.message();
  }
}

}  // namespace
}  // namespace feedd::testing
