// What `feedd run` publishes, end to end: a fixture feed of teasers and its article pages →
// polled, full text extracted and stored → served on 127.0.0.1:0. The merged Atom parses back
// through feeds/ without recovery and carries the full text; python feedparser and newsboat read
// it; conditional GET, gzip and HEAD behave; bad requests get a clean 4xx and the server stays up.
#include <gtest/gtest.h>

#include "daemon/app/web_test_support.hpp"
#include "feeds/parse/feed_parser.hpp"

namespace feedd::testing {
namespace {

using test::FixtureResponse;
using test::FixtureServer;

constexpr int story_count = 3;

class PublishEndToEnd : public ::testing::Test {
protected:
  // Made here, not in the initializers: every test of this binary runs in a process of its
  // own, and one that does not use this suite must not leave a folder behind.
  static void SetUpTestSuite() {
    folder_ = new TempFolder;
    server_ = new FixtureServer;
    server_->on("/feed.xml", FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                                             .body = teaser_feed(server_->url("/article"), story_count)});
    for (int i = 1; i <= story_count; ++i)
      server_->on("/article/" + std::to_string(i),
                  FixtureResponse{.headers = {{"Content-Type", "text/html; charset=utf-8"}},
                                  .body = article_page("Story " + std::to_string(i))});
    daemon_ = new ServingFeedd(*folder_, serving_config(*folder_, feed_tables({server_->url("/feed.xml")})));
    listening_ = daemon_->wait_listening();
    extracted_ = listening_ && daemon_->wait_for_items(story_count, "done");
  }
  static void TearDownTestSuite() {
    delete daemon_;
    delete server_;
    delete folder_;
  }
  void SetUp() override {
    ASSERT_TRUE(listening_) << "no 'listening on' line:\n" << daemon_->log();
    ASSERT_TRUE(extracted_) << "full text never stored:\n" << daemon_->log();
  }

  static inline TempFolder* folder_ = nullptr;
  static inline FixtureServer* server_ = nullptr;
  static inline ServingFeedd* daemon_ = nullptr;
  static inline bool listening_ = false;
  static inline bool extracted_ = false;
};

bool has_python_module(const std::string& module) {
  return run_program({python_interpreter(), "-c", "import " + module}, 20).exit_code == 0;
}

TEST_F(PublishEndToEnd, MergedAtomParsesBackWithTheFullText) {
  auto reply = daemon_->get("/feed.atom");
  ASSERT_EQ(reply.status, 200) << reply.head;
  EXPECT_NE(reply.header("Content-Type").value_or("").find("application/atom+xml"), std::string::npos);
  auto parsed = feeds::parse_feed({.bytes = reply.body, .base_url = daemon_->url("/feed.atom"), .content_type = "", .limits = {}});
  ASSERT_TRUE(parsed.has_value()) << reply.body;
  EXPECT_FALSE(parsed->bozo);
  EXPECT_TRUE(parsed->warnings.empty()) << parsed->warnings.front();
  ASSERT_EQ(parsed->items.size(), static_cast<std::size_t>(story_count)) << reply.body;
  for (const auto& item : parsed->items) {
    const std::string content = item.content_html.value_or("");
    EXPECT_NE(content.find("Paragraph 6 of " + item.title.value_or("?")), std::string::npos) << content;
    EXPECT_EQ(content.find("Copyright Example"), std::string::npos) << content;
    EXPECT_EQ(item.url.value_or("").rfind(server_->url("/article/"), 0), 0u) << item.url.value_or("");
  }
}

TEST_F(PublishEndToEnd, FeedparserReadsAtomRssAndJsonWithoutBozo) {
  if (!has_python_module("feedparser"))
    GTEST_SKIP() << python_interpreter() << " has no feedparser (apt install python3-feedparser)";
  const std::string script = R"(
import json, sys, urllib.request, feedparser
for url in sys.argv[1:3]:
    d = feedparser.parse(url)
    full = sum('Paragraph 6 of' in (e.get('content') or [{}])[0].get('value', '') for e in d.entries)
    print('bozo=%d entries=%d full=%d %s' % (d.bozo, len(d.entries), full, d.get('bozo_exception', '')))
j = json.load(urllib.request.urlopen(sys.argv[3], timeout=10))
full = sum('Paragraph 6 of' in i.get('content_html', '') for i in j['items'])
print('json %s entries=%d full=%d' % (j['version'], len(j['items']), full))
)";
  auto result = run_program({python_interpreter(), "-c", script, daemon_->url("/feed.atom"),
                             daemon_->url("/feed.rss"), daemon_->url("/feed.json")}, 60);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out, "bozo=0 entries=3 full=3 \nbozo=0 entries=3 full=3 \n"
                        "json https://jsonfeed.org/version/1.1 entries=3 full=3\n") << result.err;
}

TEST_F(PublishEndToEnd, NewsboatSubscribedToTheUrlShowsTheEntries) {
  if (!is_executable("/usr/bin/newsboat")) GTEST_SKIP() << "no /usr/bin/newsboat (apt install newsboat)";
  TempFolder home;
  const std::string urls = home.write("urls", daemon_->url("/feed.atom") + "\n");
  const std::string config = home.write("config", "");
  const std::string cache = home.path() + "/cache.db";
  auto result = run_program({"env", "HOME=" + home.path(), "/usr/bin/newsboat", "-u", urls, "-c", cache, "-C", config,
                             "-x", "reload"}, 60);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(query_column(cache, "SELECT title FROM rss_item ORDER BY title"),
            (std::vector<std::string>{"Story 1", "Story 2", "Story 3"}));
  EXPECT_EQ(query_column(cache, "SELECT count(*) FROM rss_item WHERE content LIKE '%Paragraph 6 of Story%'"),
            std::vector<std::string>{"3"});
}

TEST_F(PublishEndToEnd, ConditionalGetAnswersNotModified) {
  auto first = daemon_->get("/feed.atom");
  ASSERT_EQ(first.status, 200);
  const auto etag = first.header("ETag");
  const auto last_modified = first.header("Last-Modified");
  ASSERT_TRUE(etag && last_modified) << first.head;
  auto by_etag = daemon_->get("/feed.atom", {"If-None-Match: " + *etag});
  EXPECT_EQ(by_etag.status, 304) << by_etag.head;
  EXPECT_EQ(by_etag.body, "");
  EXPECT_EQ(by_etag.header("ETag"), etag);
  EXPECT_EQ(daemon_->get("/feed.atom", {"If-Modified-Since: " + *last_modified}).status, 304);
  EXPECT_EQ(daemon_->get("/feed.atom", {"If-None-Match: \"something-else\""}).status, 200);
}

TEST_F(PublishEndToEnd, GzipsWhenTheClientAcceptsIt) {
  auto plain = daemon_->get("/feed.atom");
  auto compressed = daemon_->get("/feed.atom", {"Accept-Encoding: gzip, deflate"});
  ASSERT_EQ(compressed.status, 200);
  EXPECT_EQ(compressed.header("Content-Encoding"), "gzip") << compressed.head;
  EXPECT_NE(compressed.header("Vary").value_or("").find("Accept-Encoding"), std::string::npos) << compressed.head;
  EXPECT_EQ(test::gunzip(compressed.body), plain.body);
  EXPECT_FALSE(plain.header("Content-Encoding").has_value()) << plain.head;
}

TEST_F(PublishEndToEnd, HeadSendsTheHeadersWithoutTheBody) {
  auto get = daemon_->get("/feed.atom");
  auto head = daemon_->get("/feed.atom", {}, "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "") << "HEAD sent a body";
  EXPECT_EQ(head.header("ETag"), get.header("ETag"));
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size())) << head.head;
}

TEST_F(PublishEndToEnd, EveryEndpointAnswers) {
  const std::vector<std::tuple<std::string, int, std::string>> table{
      {"/", 200, "text/html"},
      {"/feeds/1", 200, "text/html"},
      {"/feed.atom", 200, "application/atom+xml"},
      {"/feed.rss", 200, "application/rss+xml"},
      {"/feed.json", 200, "application/feed+json"},
      {"/outputs/all.atom", 200, "application/atom+xml"},
      {"/opml", 200, "opml"},
      {"/api/status", 200, "application/json"},
      {"/metrics", 200, "text/plain"},
      {"/healthz", 200, ""},
      {"/outputs/missing.atom", 404, ""},
      {"/feeds/9999", 404, ""},
      {"/no/such/page", 404, ""}};
  for (const auto& [target, status, type] : table) {
    auto reply = daemon_->get(target);
    EXPECT_EQ(reply.status, status) << target << "\n" << reply.head;
    EXPECT_NE(reply.header("Content-Type").value_or("").find(type), std::string::npos) << target << "\n" << reply.head;
  }
}

TEST_F(PublishEndToEnd, PagesCarryTheSecurityHeaders) {
  for (const std::string target : {"/", "/feeds/1"}) {
    auto reply = daemon_->get(target);
    const std::string policy = reply.header("Content-Security-Policy").value_or("");
    EXPECT_NE(policy.find("default-src 'none'"), std::string::npos) << target << "\n" << reply.head;
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << target << "\n" << reply.head;
    EXPECT_EQ(reply.header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_TRUE(reply.header("Referrer-Policy").has_value()) << target << "\n" << reply.head;
  }
}

TEST_F(PublishEndToEnd, BadRequestsGetACleanClientErrorAndTheServerStaysUp) {
  const std::string host = "Host: 127.0.0.1:" + std::to_string(daemon_->port()) + "\r\n";
  const std::vector<std::pair<std::string, std::string>> requests{
      {"huge header", "GET / HTTP/1.1\r\n" + host + "X-Pad: " + std::string(64 * 1024, 'a') + "\r\n\r\n"},
      {"many headers", "GET / HTTP/1.1\r\n" + host + [] {
         std::string lines;
         for (int i = 0; i < 2000; ++i) lines += "X-" + std::to_string(i) + ": v\r\n";
         return lines;
       }() + "\r\n"},
      {"POST", "POST /feed.atom HTTP/1.1\r\n" + host + "Content-Length: 2\r\nConnection: close\r\n\r\nab"},
      {"odd method", "BREW /feed.atom HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"},
      {"dot segments", "GET /../../etc/passwd HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"},
      {"encoded NUL", "GET /feed.atom%00.html HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"},
      {"non-numeric id", "GET /feeds/abc HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"},
      {"relative target", "GET feed.atom HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n"},
      {"not HTTP", "HELLO\r\n\r\n"},
      {"foreign Host (DNS rebinding)", "GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"},
  };
  for (const auto& [what, bytes] : requests) {
    auto reply = test::raw_http_exchange(daemon_->port(), bytes);
    EXPECT_GE(reply.status, 400) << what << ": " << reply.head << reply.error;
    EXPECT_LT(reply.status, 500) << what << ": " << reply.head;
    EXPECT_EQ(daemon_->get("/healthz").status, 200) << "after " << what << "\n" << daemon_->log();
  }
  EXPECT_EQ(test::raw_http_exchange(daemon_->port(), requests[2].second).status, 405);
}

}  // namespace
}  // namespace feedd::testing
