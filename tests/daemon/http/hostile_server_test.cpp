// security.md §2, rows 1-14, 21 and 37 against the in-process fixture server (plain HTTP).
#include <gtest/gtest.h>

#include "compress_test_support.hpp"
#include "fetch_test_support.hpp"

namespace feedd::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

void expect_error(const FetchOutcome& outcome, FetchErrorKind kind) {
  ASSERT_FALSE(outcome) << explain(outcome);
  EXPECT_EQ(outcome.error().kind, kind) << explain(outcome);
}

TEST(HostileServer, Row01StalledBeforeHeadersTimesOutWaitingForHeaders) {
  FetchHarness harness;
  harness.server.on("/stall", FixtureResponse{.stall = true});
  const auto start = Clock::now();
  auto outcome = harness.fetch_path("/stall");
  expect_error(outcome, FetchErrorKind::timeout_headers);
  EXPECT_LT(since(start), 2s);
  EXPECT_EQ(describe(outcome.error()), "timeout waiting for headers after 300 ms");
}

TEST(HostileServer, Row02HeaderTrickleDoesNotExtendTheHeaderDeadline) {
  FetchHarness harness;
  harness.server.on("/slowloris", FixtureResponse{.raw = "HTTP/1.1 200 OK\r\nX-Slow: " +
                                                         std::string(10000, 'a'),
                                                  .drip_bytes = 1,
                                                  .drip_interval = 10ms,
                                                  .drip_from_start = true});
  const auto start = Clock::now();
  auto outcome = harness.fetch_path("/slowloris");
  expect_error(outcome, FetchErrorKind::timeout_headers);
  // 300 ms header deadline, 5 s whole-request deadline: ending early shows the trickle of
  // bytes every 10 ms did not reset the header deadline.
  EXPECT_LT(since(start), 2s);
}

TEST(HostileServer, Row03SlowBodyFailsTheMinimumRate) {
  FetchHarness harness;
  harness.server.on("/slow-body", FixtureResponse{.body = std::string(100000, 'x'),
                                                  .drip_bytes = 1,
                                                  .drip_interval = 20ms});
  const auto start = Clock::now();
  auto outcome = harness.fetch_path("/slow-body");
  expect_error(outcome, FetchErrorKind::timeout_body);
  EXPECT_NE(outcome.error().detail.find("bytes/s"), std::string::npos) << outcome.error().detail;
  EXPECT_LT(since(start), 2s);
}

TEST(HostileServer, Row03BodyWithinTheRateStillMeetsTheWholeRequestDeadline) {
  FetchHarness harness;
  harness.options().total_timeout = 800ms;
  harness.options().min_body_rate = 10;
  harness.server.on("/steady-body", FixtureResponse{.body = std::string(1000000, 'x'),
                                                    .drip_bytes = 100,
                                                    .drip_interval = 5ms});
  auto outcome = harness.fetch_path("/steady-body");
  expect_error(outcome, FetchErrorKind::timeout_body);
  EXPECT_NE(outcome.error().detail.find("whole-request"), std::string::npos);
}

FixtureResponse endless_items(bool chunked) {
  return FixtureResponse{.chunked = chunked, .stream_body = [](std::size_t) {
                           return std::optional<std::string>(std::string(1000, 'i'));
                         }};
}

TEST(HostileServer, Row04EndlessBodyWithoutLengthStopsAtTheWireCap) {
  FetchHarness harness;
  harness.options().max_wire_bytes = 1 << 20;
  harness.server.on("/endless", endless_items(false));
  expect_error(harness.fetch_path("/endless"), FetchErrorKind::too_large);
}

TEST(HostileServer, Row05EndlessChunkedBodyStopsAtTheWireCapAcrossChunks) {
  FetchHarness harness;
  harness.options().max_wire_bytes = 1 << 20;
  harness.server.on("/endless-chunks", endless_items(true));
  expect_error(harness.fetch_path("/endless-chunks"), FetchErrorKind::too_large);
}

TEST(HostileServer, Row06GzipBombStopsAtTheDecodedCap) {
  FetchHarness harness;
  harness.options().max_body_bytes = 4 << 20;
  const auto bomb = compress(std::string(200 << 20, '\0'), Wrapper::gzip);
  ASSERT_LT(bomb.size(), 512u << 10);
  harness.server.on("/bomb", FixtureResponse{.headers = {{"Content-Encoding", "gzip"}}, .body = bomb});
  auto outcome = harness.fetch_path("/bomb");
  expect_error(outcome, FetchErrorKind::too_large);
  EXPECT_NE(outcome.error().detail.find("decoded"), std::string::npos);
}

class StackedEncoding : public testing::TestWithParam<std::vector<const char*>> {};

TEST_P(StackedEncoding, Row07IsRefusedNotLoopDecoded) {
  FetchHarness harness;
  FixtureResponse response{.body = compress(compress("<rss/>", Wrapper::gzip), Wrapper::gzip)};
  for (const char* value : GetParam()) response.headers.emplace_back("Content-Encoding", value);
  harness.server.on("/encoded", response);
  expect_error(harness.fetch_path("/encoded"), FetchErrorKind::unsupported_encoding);
}

INSTANTIATE_TEST_SUITE_P(SecurityRow07, StackedEncoding,
                         testing::Values(std::vector<const char*>{"gzip, gzip"},
                                         std::vector<const char*>{"gzip", "gzip"},
                                         std::vector<const char*>{"br"},
                                         std::vector<const char*>{"x-unknown"},
                                         std::vector<const char*>{"deflate, gzip"}));

TEST(HostileServer, Row08OneHugeHeaderIsHeaderTooLarge) {
  FetchHarness harness;
  harness.server.on("/pad", FixtureResponse{.headers = {{"X-Pad", std::string(1 << 20, 'p')}}});
  expect_error(harness.fetch_path("/pad"), FetchErrorKind::header_too_large);
}

TEST(HostileServer, Row08TenThousandHeadersAreHeaderTooLarge) {
  FetchHarness harness;
  FixtureResponse response;
  for (int i = 0; i < 10000; ++i) response.headers.emplace_back("X-H" + std::to_string(i), "v");
  harness.server.on("/many", response);
  expect_error(harness.fetch_path("/many"), FetchErrorKind::header_too_large);
}

TEST(HostileServer, Row09ContentLengthLargerThanBodyIsNotASuccess) {
  FetchHarness harness;
  harness.server.on("/short", FixtureResponse{
                                  .raw = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<rss><chan"});
  auto outcome = harness.fetch_path("/short");
  expect_error(outcome, FetchErrorKind::protocol);
  EXPECT_NE(outcome.error().detail.find("truncated"), std::string::npos) << explain(outcome);
}

struct RawCase {
  const char* name;
  std::string raw;
  FetchErrorKind kind;
};

class MalformedResponse : public testing::TestWithParam<RawCase> {};

TEST_P(MalformedResponse, IsAnErrorAndTheConnectionIsNotReused) {
  FetchHarness harness;
  harness.server.on("/bad", FixtureResponse{.raw = GetParam().raw});
  harness.server.on("/good", FixtureResponse{.body = "fine"});
  expect_error(harness.fetch_path("/bad"), GetParam().kind);
  EXPECT_EQ(harness.client().idle_connections(), 0u);
  auto next = harness.fetch_path("/good");
  ASSERT_TRUE(next) << explain(next);
  EXPECT_EQ(next->body, "fine");
  EXPECT_EQ(harness.server.connections_accepted(), 2);
}

const std::string ok_head = "HTTP/1.1 200 OK\r\n";

INSTANTIATE_TEST_SUITE_P(
    SecurityRows10And11, MalformedResponse,
    testing::Values(
        RawCase{"ContentLengthSmallerThanBody",
                ok_head + "Content-Length: 5\r\n\r\nhelloSMUGGLED", FetchErrorKind::protocol},
        RawCase{"ConflictingContentLengths",
                ok_head + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                FetchErrorKind::protocol},
        RawCase{"ContentLengthAndChunked",
                ok_head + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                FetchErrorKind::protocol},
        RawCase{"BadChunkSizeHex",
                ok_head + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
                FetchErrorKind::protocol},
        RawCase{"MissingCrlfAfterChunk",
                ok_head + "Transfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n",
                FetchErrorKind::protocol},
        RawCase{"HugeChunkExtension",
                ok_head + "Transfer-Encoding: chunked\r\n\r\n5;" + std::string(100000, 'e') +
                    "\r\nhello\r\n0\r\n\r\n",
                FetchErrorKind::protocol},
        RawCase{"ChunkSizeOverflow",
                ok_head + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nhello\r\n0\r\n\r\n",
                FetchErrorKind::protocol},
        RawCase{"TransferCodingOtherThanChunked",
                ok_head + "Transfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                FetchErrorKind::unsupported_encoding}),
    [](const testing::TestParamInfo<RawCase>& info) { return std::string(info.param.name); });

FixtureResponse redirect(int status, std::string location) {
  return FixtureResponse{.status = status, .headers = {{"Location", std::move(location)}}};
}

TEST(HostileServer, Row12RedirectLoopStopsAfterFiveHops) {
  FetchHarness harness;
  harness.server.on("/a", redirect(302, "/b"));
  harness.server.on("/b", redirect(302, "/a"));
  expect_error(harness.fetch_path("/a"), FetchErrorKind::too_many_redirects);
  EXPECT_EQ(harness.server.hits("/a") + harness.server.hits("/b"), 6);
}

class NonHttpRedirect : public testing::TestWithParam<const char*> {};

TEST_P(NonHttpRedirect, Row13IsRefused) {
  FetchHarness harness;
  harness.server.on("/go", redirect(301, GetParam()));
  auto outcome = harness.fetch_path("/go");
  expect_error(outcome, FetchErrorKind::bad_redirect);
  EXPECT_EQ(harness.server.requests().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(SecurityRow13, NonHttpRedirect,
                         testing::Values("file:///etc/passwd", "gopher://example.org/1",
                                         "ftp://example.org/feed.xml", "data:text/xml,<rss/>",
                                         "javascript:alert(1)", ""));

TEST(HostileServer, Row21TooManyRequestsCarriesRetryAfterSeconds) {
  FetchHarness harness;
  harness.server.on("/busy", FixtureResponse{.status = 429, .headers = {{"Retry-After", "120"}}});
  auto outcome = harness.fetch_path("/busy");
  expect_error(outcome, FetchErrorKind::http_status);
  EXPECT_EQ(outcome.error().http_status, 429);
  EXPECT_EQ(outcome.error().retry_after, std::chrono::seconds(120));
  EXPECT_EQ(describe(outcome.error()), "HTTP 429 Too Many Requests");
}

std::string http_date_in(std::chrono::seconds delay) {
  const std::time_t when = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + delay);
  std::tm utc{};
  gmtime_r(&when, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text;
}

TEST(HostileServer, Row21RetryAfterAsHttpDateBecomesADelay) {
  FetchHarness harness;
  harness.server.on("/busy", FixtureResponse{.status = 503, .headers = {{"Retry-After", http_date_in(1h)}}});
  auto outcome = harness.fetch_path("/busy");
  expect_error(outcome, FetchErrorKind::http_status);
  ASSERT_TRUE(outcome.error().retry_after);
  EXPECT_NEAR(static_cast<double>(outcome.error().retry_after->count()), 3600.0, 5.0);
}

TEST(HostileServer, Row21HugeRetryAfterIsReportedRawAndGarbageIsDropped) {
  FetchHarness harness;
  harness.server.on("/huge", FixtureResponse{.status = 429, .headers = {{"Retry-After", "99999999"}}});
  harness.server.on("/garbage", FixtureResponse{.status = 429, .headers = {{"Retry-After", "soon!"}}});
  auto huge = harness.fetch_path("/huge");
  expect_error(huge, FetchErrorKind::http_status);
  EXPECT_EQ(huge.error().retry_after, std::chrono::seconds(99999999));
  auto garbage = harness.fetch_path("/garbage");
  expect_error(garbage, FetchErrorKind::http_status);
  EXPECT_EQ(garbage.error().http_status, 429);
  EXPECT_FALSE(garbage.error().retry_after.has_value());
}

TEST(HostileServer, Row37ConnectionResetMidBodyIsAnError) {
  FetchHarness harness;
  FixtureResponse response{.body = std::string(200000, 'x'), .reset_on_close = true};
  response.close_after_bytes = 50000;
  harness.server.on("/reset", response);
  auto outcome = harness.fetch_path("/reset");
  expect_error(outcome, FetchErrorKind::connection_lost);
}

TEST(HostileServer, Row37EarlyEofMidBodyIsAProtocolError) {
  FetchHarness harness;
  FixtureResponse response{.body = std::string(200000, 'x')};
  response.close_after_bytes = 50000;
  harness.server.on("/eof", response);
  expect_error(harness.fetch_path("/eof"), FetchErrorKind::protocol);
}

}  // namespace
}  // namespace feedd::test
