// `feedd poll` end to end against the fixture server: storage, conditional requests, full text,
// failures that lose nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <string>

#include "daemon/app/app_test_support.hpp"

namespace feedd::testing {
namespace {

using test::FixtureRequest;
using test::FixtureResponse;
using test::FixtureServer;

/// Serves the feed with an ETag and answers If-None-Match with 304.
void serve_feed_with_etag(FixtureServer& server, const std::string& path, const std::string& xml) {
  server.on(path, [xml](const FixtureRequest& request) {
    if (request.header("If-None-Match") == std::optional<std::string>("\"v1\"")) return FixtureResponse{.status = 304};
    return FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}, {"ETag", "\"v1\""}}, .body = xml};
  });
}

TEST(PollCommand, StoresItemsThenSendsConditionalRequests) {
  FixtureServer server;
  serve_feed_with_etag(server, "/feed.xml", teaser_feed(server.url("/a"), 3));
  TempFolder folder;
  const std::string database = folder.path() + "/feedd.db";
  std::vector<std::string> arguments{"poll", "--feed", server.url("/feed.xml"), "--database", database, "--no-full-text"};

  auto first = run_feedd(arguments);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("1 ok, 0 not modified, 0 failed; 3 new items"), std::string::npos) << first.out;
  EXPECT_EQ(query_column(database, "SELECT count(*) FROM items"), std::vector<std::string>{"3"});
  // A first poll defers the items-by-date index (a bulk load) and builds it before exiting.
  EXPECT_EQ(query_column(database, "SELECT name FROM sqlite_schema WHERE name = 'items_by_date'"),
            std::vector<std::string>{"items_by_date"});

  auto second = run_feedd(arguments);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("0 ok, 1 not modified"), std::string::npos) << second.out;
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].header("If-None-Match"), std::optional<std::string>("\"v1\""));
  EXPECT_EQ(query_column(database, "SELECT count(*) FROM items"), std::vector<std::string>{"3"});
}

TEST(PollCommand, ExtractsTheFullTextOfTeaserItems) {
  FixtureServer server;
  server.on("/feed.xml", FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                                         .body = teaser_feed(server.url("/article"), 2)});
  for (int i = 1; i <= 2; ++i)
    server.on("/article/" + std::to_string(i), FixtureResponse{.headers = {{"Content-Type", "text/html; charset=utf-8"}},
                                                               .body = article_page("Story " + std::to_string(i))});
  TempFolder folder;
  const std::string database = folder.path() + "/feedd.db";
  auto result = run_feedd({"poll", "--feed", server.url("/feed.xml"), "--database", database});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("full text: 2 extracted, 0 failed"), std::string::npos) << result.out;
  auto statuses = query_column(database, "SELECT full_text_status FROM items ORDER BY id");
  EXPECT_EQ(statuses, (std::vector<std::string>{"done", "done"}));
  auto text = query_column(database, "SELECT full_text_text FROM items ORDER BY id LIMIT 1");
  ASSERT_EQ(text.size(), 1u);
  EXPECT_NE(text[0].find("Paragraph 6 of Story"), std::string::npos);
  EXPECT_EQ(text[0].find("Copyright Example"), std::string::npos);
}

TEST(PollCommand, ReportsAFailedFeedAndKeepsWhatWasStored) {
  FixtureServer server;
  server.on("/feed.xml", FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                                         .body = teaser_feed(server.url("/a"), 2)});
  TempFolder folder;
  const std::string database = folder.path() + "/feedd.db";
  std::vector<std::string> arguments{"poll", "--feed", server.url("/feed.xml"), "--database", database, "--no-full-text"};
  ASSERT_EQ(run_feedd(arguments).exit_code, 0);

  server.on("/feed.xml", FixtureResponse{.status = 500, .body = "oops"});
  auto failed = run_feedd(arguments);
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("HTTP 500"), std::string::npos) << failed.err;
  EXPECT_EQ(query_column(database, "SELECT count(*) FROM items"), std::vector<std::string>{"2"});
  EXPECT_EQ(query_column(database, "SELECT state FROM feeds"), std::vector<std::string>{"failing"});
  EXPECT_EQ(query_column(database, "SELECT count(*) FROM fetch_log WHERE outcome = 'error'"), std::vector<std::string>{"1"});
}

TEST(PollCommand, FollowsTheFeedAWebPageAdvertisesAndSaysSo) {
  FixtureServer server;
  server.on("/blog/", FixtureResponse{.headers = {{"Content-Type", "text/html"}},
                                      .body = "<!DOCTYPE html><html><head><link rel=\"alternate\" "
                                              "type=\"application/rss+xml\" href=\"/blog/feed.xml\">"
                                              "</head><body><p>Welcome</p></body></html>"});
  server.on("/blog/feed.xml", FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                                              .body = teaser_feed(server.url("/a"), 2)});
  TempFolder folder;
  const std::string database = folder.path() + "/feedd.db";
  auto result = run_feedd({"poll", "--feed", server.url("/blog/"), "--database", database, "--no-full-text"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("is a web page; it links to the feed " + server.url("/blog/feed.xml")), std::string::npos)
      << result.err;
  EXPECT_EQ(query_column(database, "SELECT count(*) FROM items"), std::vector<std::string>{"2"});
  EXPECT_EQ(query_column(database, "SELECT url FROM feeds"), std::vector<std::string>{server.url("/blog/feed.xml")});
}

// More feeds than lanes (4 per fetch slot: 8 here), listed host by host: every feed is polled
// once, and the second pass sends every one a conditional request from the records it read
// in one query.
TEST(PollCommand, PollsEveryFeedOfAListLongerThanItsLanesOnceAndConditionallyAfter) {
  FixtureServer first_host;
  FixtureServer second_host;
  std::string urls;
  for (int i = 0; i < 60; ++i) {
    for (auto* server : {&first_host, &second_host}) {
      const auto path = "/f" + std::to_string(i) + ".xml";
      serve_feed_with_etag(*server, path, teaser_feed(server->url("/a" + std::to_string(i)), 1));
      urls += server->url(path) + "\n";
    }
  }
  TempFolder folder;
  const std::string database = folder.path() + "/feedd.db";
  const auto urls_file = folder.write("urls.txt", urls);
  const auto config = folder.write("feedd.toml", "[poll]\nconcurrency = 2\nper_host = 1\n");
  std::vector<std::string> arguments{"poll", "-c", config, "--urls", urls_file, "--database", database,
                                     "--no-full-text"};
  auto cold = run_feedd(arguments);
  ASSERT_EQ(cold.exit_code, 0) << cold.err;
  EXPECT_NE(cold.out.find("polled 120 feeds: 120 ok"), std::string::npos) << cold.out;
  auto warm = run_feedd(arguments);
  ASSERT_EQ(warm.exit_code, 0) << warm.err;
  EXPECT_NE(warm.out.find("polled 120 feeds: 0 ok, 120 not modified"), std::string::npos) << warm.out;
  for (auto* server : {&first_host, &second_host}) {
    const auto requests = server->requests();
    ASSERT_EQ(requests.size(), 120u) << "each of 60 feeds, twice";
    std::size_t conditional = 0;
    for (const auto& request : requests) conditional += request.header("If-None-Match").has_value();
    EXPECT_EQ(conditional, 60u);
  }
}

// Documents give their host slot back before they are stored, 304s before their bookkeeping:
// the host still never sees more requests at once than [poll] per_host, and does see that many.
TEST(PollCommand, KeepsEachHostToPerHostRequestsInFlight) {
  // Declared before the server, whose handlers count with them until its destructor joins.
  std::atomic<int> in_flight{0};
  std::atomic<int> peak{0};
  FixtureServer server;
  std::string urls;
  for (int i = 0; i < 30; ++i) {
    const auto path = "/f" + std::to_string(i) + ".xml";
    const auto xml = teaser_feed(server.url("/a" + std::to_string(i)), 2);
    server.on(path, [&in_flight, &peak, xml](const FixtureRequest&) {
      const int now = ++in_flight;
      for (int seen = peak.load(); now > seen && !peak.compare_exchange_weak(seen, now);) {
      }
      FixtureResponse response{.headers = {{"Content-Type", "application/rss+xml"}}};
      response.delay_before_headers = std::chrono::milliseconds(15);
      response.chunked = true;
      // The request ends for the server once the last piece is asked for, before the client
      // has the end of the body (and could send its next request).
      response.stream_body = [&in_flight, xml](std::size_t index) -> std::optional<std::string> {
        if (index == 0) return xml;
        --in_flight;
        return std::nullopt;
      };
      return response;
    });
    urls += server.url(path) + "\n";
  }
  TempFolder folder;
  const auto config = folder.write("feedd.toml", "[poll]\nconcurrency = 8\nper_host = 2\n");
  auto result = run_feedd({"poll", "-c", config, "--urls", folder.write("urls.txt", urls), "--database",
                           folder.path() + "/feedd.db", "--no-full-text"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("polled 30 feeds: 30 ok"), std::string::npos) << result.out;
  EXPECT_EQ(peak.load(), 2) << "per_host = 2: never more, and the slots are used";
}

TEST(PollCommand, AdoptsTheUrlAtTheEndOfAPermanentRedirect) {
  FixtureServer server;
  server.on("/old.xml", FixtureResponse{.status = 301, .headers = {{"Location", "/moved/new.xml"}}});
  server.on("/moved/new.xml", FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                                              .body = teaser_feed(server.url("/a"), 1)});
  TempFolder folder;
  const std::string database = folder.path() + "/feedd.db";
  auto result = run_feedd({"poll", "--feed", server.url("/old.xml"), "--database", database, "--no-full-text"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(query_column(database, "SELECT url FROM feeds"), std::vector<std::string>{server.url("/moved/new.xml")});
  EXPECT_EQ(query_column(database, "SELECT subscribed_url FROM feeds"), std::vector<std::string>{server.url("/old.xml")});
}

TEST(PollCommand, DisablesAGoneFeedWithAVisibleReason) {
  FixtureServer server;
  server.on("/gone.xml", FixtureResponse{.status = 410, .body = "gone"});
  TempFolder folder;
  const std::string database = folder.path() + "/feedd.db";
  auto result = run_feedd({"poll", "--feed", server.url("/gone.xml"), "--database", database});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(query_column(database, "SELECT state FROM feeds"), std::vector<std::string>{"disabled"});
  auto reason = query_column(database, "SELECT disabled_reason FROM feeds");
  ASSERT_EQ(reason.size(), 1u);
  EXPECT_NE(reason[0].find("410"), std::string::npos) << reason[0];
}

TEST(PollCommand, WaitsForRetryAfterOnTooManyRequests) {
  FixtureServer server;
  server.on("/busy.xml", FixtureResponse{.status = 429, .headers = {{"Retry-After", "7200"}}});
  TempFolder folder;
  const std::string database = folder.path() + "/feedd.db";
  run_feedd({"poll", "--feed", server.url("/busy.xml"), "--database", database});
  auto wait = query_column(database, "SELECT next_poll_at - last_fetch_at FROM feeds");
  ASSERT_EQ(wait.size(), 1u);
  EXPECT_NEAR(std::stol(wait[0]), 7200, 5);
}

TEST(PollCommand, RefusesConfiguredFeedsOnPrivateAddressesBeforeConnecting) {
  FixtureServer server;
  server.on("/feed.xml", FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                                         .body = teaser_feed(server.url("/a"), 1)});
  TempFolder folder;
  auto config = folder.write("feedd.toml", "[daemon]\ndatabase = \"" + folder.path() + "/feedd.db\"\n[[feed]]\nurl = \"" +
                                               server.url("/feed.xml") + "\"\n");
  auto result = run_feedd({"poll", "-c", config, "--no-full-text"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(server.connections_accepted(), 0);
  EXPECT_NE(result.err.find("127.0.0.1"), std::string::npos) << result.err;
}

TEST(PollCommand, RejectsANonFeedWithAClearMessage) {
  FixtureServer server;
  server.on("/page.html", FixtureResponse{.headers = {{"Content-Type", "text/html"}},
                                          .body = "<!DOCTYPE html><html><body><p>Hello</p></body></html>"});
  TempFolder folder;
  auto result = run_feedd({"poll", "--feed", server.url("/page.html"), "--database", folder.path() + "/db", "--no-full-text"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("not a feed"), std::string::npos) << result.err;
}

TEST(PollCommand, RefusesBadUrlsBeforeDoingAnything) {
  TempFolder folder;
  auto list = folder.write("urls.txt", "# feeds\nhttp://example.org/feed.xml\nnot a url\n");
  auto result = run_feedd({"poll", "--urls", list, "--database", folder.path() + "/db"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("urls.txt:3:"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(folder.path() + "/db"));
}

}  // namespace
}  // namespace feedd::testing
