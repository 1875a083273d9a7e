// Ordinary fetches: conditional GET, decoding, redirect chains, caching headers, keep-alive,
// file: URLs.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "compress_test_support.hpp"
#include "fetch_test_support.hpp"

namespace feedd::test {
namespace {

using namespace std::chrono_literals;

const std::string rss = "<rss version=\"2.0\"><channel><title>T</title></channel></rss>";

TEST(Fetch, SendsUserAgentAcceptAndAcceptEncoding) {
  FetchHarness harness;
  harness.server.on("/feed", FixtureResponse{.headers = {{"Content-Type", "application/rss+xml"}},
                                             .body = rss});
  auto outcome = harness.fetch_path("/feed");
  ASSERT_TRUE(outcome) << explain(outcome);
  EXPECT_EQ(outcome->status, 200);
  EXPECT_EQ(outcome->body, rss);
  EXPECT_EQ(outcome->content_type, "application/rss+xml");
  EXPECT_EQ(outcome->final_url, harness.server.url("/feed"));
  EXPECT_FALSE(outcome->permanently_redirected);
  const auto request = harness.server.requests().at(0);
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.header("User-Agent"), "feedd-test/1");
  EXPECT_EQ(request.header("Accept-Encoding"), "gzip, deflate");
  EXPECT_EQ(request.header("Host"), "127.0.0.1:" + std::to_string(harness.server.port()));
  EXPECT_NE(request.header("Accept").value_or("").find("application/rss+xml"), std::string::npos);
  EXPECT_FALSE(request.header("If-None-Match").has_value());
}

/// 200 with validators, 304 when the request carries them back.
FixtureHandler conditional_feed() {
  return [](const FixtureRequest& request) {
    const bool etag_matches = request.header("If-None-Match") == "\"v1\"";
    const bool date_matches = request.header("If-Modified-Since") == "Sun, 06 Nov 1994 08:49:37 GMT";
    if (etag_matches || date_matches) return FixtureResponse{.status = 304};
    return FixtureResponse{.headers = {{"ETag", "\"v1\""},
                                       {"Last-Modified", "Sun, 06 Nov 1994 08:49:37 GMT"}},
                           .body = rss};
  };
}

TEST(Fetch, ConditionalGetWithEtagGivesNotModified) {
  FetchHarness harness;
  harness.server.on("/feed", conditional_feed());
  auto first = harness.fetch_path("/feed");
  ASSERT_TRUE(first) << explain(first);
  ASSERT_EQ(first->etag, "\"v1\"");
  EXPECT_FALSE(first->not_modified);
  auto second = harness.fetch(FetchRequest{.url = harness.server.url("/feed"), .etag = first->etag});
  ASSERT_TRUE(second) << explain(second);
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->not_modified);
  EXPECT_EQ(second->body, "");
  EXPECT_EQ(harness.server.requests().at(1).header("If-None-Match"), "\"v1\"");
}

TEST(Fetch, ConditionalGetWithLastModifiedGivesNotModified) {
  FetchHarness harness;
  harness.server.on("/feed", conditional_feed());
  auto first = harness.fetch_path("/feed");
  ASSERT_TRUE(first) << explain(first);
  ASSERT_TRUE(first->last_modified);
  auto second = harness.fetch(FetchRequest{.url = harness.server.url("/feed"),
                                           .last_modified = first->last_modified});
  ASSERT_TRUE(second) << explain(second);
  EXPECT_TRUE(second->not_modified);
}

TEST(Fetch, DecodesGzipAndBothDeflateForms) {
  FetchHarness harness;
  harness.server.on("/gzip", FixtureResponse{.headers = {{"Content-Encoding", "gzip"}},
                                             .body = compress(rss, Wrapper::gzip)});
  harness.server.on("/zlib", FixtureResponse{.headers = {{"Content-Encoding", "deflate"}},
                                             .body = compress(rss, Wrapper::zlib)});
  harness.server.on("/raw", FixtureResponse{.headers = {{"Content-Encoding", "deflate"}},
                                            .body = compress(rss, Wrapper::raw), .chunked = true});
  for (const char* path : {"/gzip", "/zlib", "/raw"}) {
    auto outcome = harness.fetch_path(path);
    ASSERT_TRUE(outcome) << path << ": " << explain(outcome);
    EXPECT_EQ(outcome->body, rss) << path;
  }
}

TEST(Fetch, ChunkedBodyIsReassembled) {
  FetchHarness harness;
  std::vector<std::string> pieces{"<rss>", "<channel/>", "</rss>"};
  harness.server.on("/chunks", FixtureResponse{.chunked = true, .stream_body = [pieces](std::size_t i) {
                                                 if (i >= pieces.size()) return std::optional<std::string>();
                                                 return std::optional<std::string>(pieces[i]);
                                               }});
  auto outcome = harness.fetch_path("/chunks");
  ASSERT_TRUE(outcome) << explain(outcome);
  EXPECT_EQ(outcome->body, "<rss><channel/></rss>");
}

FixtureResponse redirect(int status, std::string location) {
  return FixtureResponse{.status = status, .headers = {{"Location", std::move(location)}}};
}

TEST(Fetch, ChainOf301And308IsPermanent) {
  FetchHarness harness;
  harness.server.on("/old", redirect(301, "/older"));
  harness.server.on("/older", redirect(308, harness.server.url("/new?x=1")));
  harness.server.on("/new", FixtureResponse{.body = rss});
  auto outcome = harness.fetch_path("/old");
  ASSERT_TRUE(outcome) << explain(outcome);
  EXPECT_TRUE(outcome->permanently_redirected);
  EXPECT_EQ(outcome->final_url, harness.server.url("/new?x=1"));
  EXPECT_EQ(outcome->body, rss);
}

TEST(Fetch, ChainWithA302IsNotPermanent) {
  FetchHarness harness;
  harness.server.on("/old", redirect(301, "/moved"));
  harness.server.on("/moved", redirect(302, "/new"));
  harness.server.on("/new", FixtureResponse{.body = rss});
  auto outcome = harness.fetch_path("/old");
  ASSERT_TRUE(outcome) << explain(outcome);
  EXPECT_FALSE(outcome->permanently_redirected);
  EXPECT_EQ(outcome->final_url, harness.server.url("/new"));
}

TEST(Fetch, ExactlyMaxRedirectsHopsAreFollowed) {
  FetchHarness harness;
  for (int i = 0; i < 5; ++i) harness.server.on("/r" + std::to_string(i), redirect(307, "/r" + std::to_string(i + 1)));
  harness.server.on("/r5", FixtureResponse{.body = rss});
  auto outcome = harness.fetch_path("/r0");
  ASSERT_TRUE(outcome) << explain(outcome);
  EXPECT_EQ(outcome->final_url, harness.server.url("/r5"));
}

TEST(Fetch, NotFoundIsAnHttpStatusError) {
  FetchHarness harness;
  auto outcome = harness.fetch_path("/missing");
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, FetchErrorKind::http_status);
  EXPECT_EQ(outcome.error().http_status, 404);
  EXPECT_EQ(describe(outcome.error()), "HTTP 404 Not Found");
}

TEST(Fetch, ReadsCachingHeaders) {
  FetchHarness harness;
  harness.server.on("/feed", FixtureResponse{.headers = {{"Cache-Control", "public, max-age=900"},
                                                         {"Expires", "Sun, 06 Nov 1994 08:49:37 GMT"}},
                                             .body = rss});
  auto outcome = harness.fetch_path("/feed");
  ASSERT_TRUE(outcome) << explain(outcome);
  EXPECT_EQ(outcome->max_age, 900s);
  ASSERT_TRUE(outcome->expires);
  EXPECT_EQ(outcome->expires->time_since_epoch(), std::chrono::seconds(784111777));
}

TEST(Fetch, KeepAliveReusesOneConnectionPerHost) {
  FetchHarness harness;
  harness.server.on("/feed", FixtureResponse{.body = rss});
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(harness.fetch_path("/feed"));
  EXPECT_EQ(harness.server.connections_accepted(), 1);
  EXPECT_EQ(harness.client().idle_connections(), 1u);
}

TEST(Fetch, ConnectionCloseIsNotReused) {
  FetchHarness harness;
  harness.server.on("/feed", FixtureResponse{.body = rss, .close_connection = true});
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(harness.fetch_path("/feed"));
  EXPECT_EQ(harness.server.connections_accepted(), 2);
  EXPECT_EQ(harness.client().idle_connections(), 0u);
}

TEST(Fetch, IdleConnectionClosedByTheServerIsReplacedTransparently) {
  FetchHarness harness;
  // Looks keep-alive to the client, but the server closes right after sending it.
  harness.server.on("/feed", FixtureResponse{.raw = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"});
  for (int i = 0; i < 3; ++i) {
    auto outcome = harness.fetch_path("/feed");
    ASSERT_TRUE(outcome) << i << ": " << explain(outcome);
    EXPECT_EQ(outcome->body, "ok");
  }
  EXPECT_EQ(harness.server.connections_accepted(), 3);
}

TEST(Fetch, MeasuresElapsedTime) {
  FetchHarness harness;
  harness.server.on("/slow", FixtureResponse{.body = rss, .delay_before_headers = 50ms});
  auto outcome = harness.fetch_path("/slow");
  ASSERT_TRUE(outcome) << explain(outcome);
  EXPECT_GE(outcome->elapsed, 50ms);
}

TEST(Fetch, ConnectionRefusedIsAConnectError) {
  FetchHarness harness;
  boost::asio::ip::tcp::endpoint closed;
  {
    FixtureServer gone;
    closed = gone.endpoint();
  }
  harness.options().allowed_addresses.push_back(closed);
  auto outcome = harness.fetch("http://127.0.0.1:" + std::to_string(closed.port()) + "/feed");
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, FetchErrorKind::connect) << explain(outcome);
}

TEST(Fetch, NonHttpUrlIsAProtocolError) {
  FetchHarness harness;
  auto outcome = harness.fetch("gopher://example.org/feed");
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, FetchErrorKind::protocol);
}

class FileUrl : public testing::Test {
protected:
  void SetUp() override {
    folder = std::filesystem::temp_directory_path() /
             ("feedd-file-url-" + std::to_string(::getpid()) + "-" +
              testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "feed.xml", std::ios::binary) << rss;
  }
  void TearDown() override { std::filesystem::remove_all(folder); }
  std::string url_of(const std::string& name) { return "file://" + (folder / name).string(); }

  std::filesystem::path folder;
  FetchHarness harness;
};

TEST_F(FileUrl, ReadsTheFileWithoutNetwork) {
  auto outcome = harness.fetch(url_of("feed.xml"));
  ASSERT_TRUE(outcome) << explain(outcome);
  EXPECT_EQ(outcome->status, 200);
  EXPECT_EQ(outcome->body, rss);
  EXPECT_EQ(outcome->final_url, url_of("feed.xml"));
  EXPECT_EQ(harness.server.connections_accepted(), 0);
}

TEST_F(FileUrl, MissingFileIsAFileError) {
  auto outcome = harness.fetch(url_of("absent.xml"));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, FetchErrorKind::file);
}

TEST_F(FileUrl, FolderIsAFileError) {
  auto outcome = harness.fetch("file://" + folder.string());
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, FetchErrorKind::file);
}

TEST_F(FileUrl, FileOverTheCapIsTooLarge) {
  harness.options().max_body_bytes = 10;
  auto outcome = harness.fetch(url_of("feed.xml"));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, FetchErrorKind::too_large);
}

}  // namespace
}  // namespace feedd::test
