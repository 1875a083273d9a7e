#include "daemon/server/finish_reply.hpp"

#include <unistd.h>

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "daemon/http/content_decoder.hpp"
#include "daemon/http/response_headers.hpp"
#include "daemon/server/host_guard.hpp"

namespace feedd {
namespace {

using namespace std::chrono;

const sys_seconds last_modified = sys_days{year{2024} / 3 / 10} + hours(12);
const system_clock::time_point now = sys_days{year{1994} / 11 / 6} + hours(8) + minutes(49) + seconds(37);

std::optional<std::string> header(const WireReply& wire, std::string_view name) {
  for (const auto& [key, value] : wire.headers)
    if (key == name) return value;
  return std::nullopt;
}

Reply feed_reply(std::string body = std::string(2000, 'x')) {
  Reply reply = make_reply(200, "application/atom+xml", std::move(body));
  reply.etag = "\"v1\"";
  reply.last_modified = last_modified;
  reply.cache_control = "max-age=60";
  return reply;
}

Request get(std::string if_none_match = "", std::string if_modified_since = "") {
  Request request;
  request.method = "GET";
  request.path = "/feed.atom";
  request.if_none_match = std::move(if_none_match);
  request.if_modified_since = std::move(if_modified_since);
  return request;
}

std::string gunzip(const std::string& data) {
  BodyDecoder decoder(ContentCoding::gzip, 1 << 20);
  EXPECT_FALSE(decoder.append(data));
  EXPECT_FALSE(decoder.finish());
  return decoder.take_body();
}

TEST(FinishReply, EveryReplyCarriesSecurityServerAndDateHeaders) {
  for (const auto& wire : {finish_reply(get(), feed_reply(), now), finish_reply(get(), make_status_reply(404), now),
                           finish_reply(get("\"v1\""), feed_reply(), now)}) {
    SCOPED_TRACE(wire.status);
    EXPECT_EQ(header(wire, "Content-Security-Policy"),
              "default-src 'none'; img-src 'self' data:; style-src 'self'; "
              "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    EXPECT_EQ(header(wire, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(header(wire, "Referrer-Policy"), "no-referrer");
    EXPECT_EQ(header(wire, "X-Frame-Options"), "DENY");
    EXPECT_EQ(header(wire, "Server"), "feedd/" FEEDD_VERSION);
    EXPECT_EQ(header(wire, "Date"), "Sun, 06 Nov 1994 08:49:37 GMT");
  }
}

TEST(FinishReply, PlainGetKeepsBodyValidatorsAndExtraHeaders) {
  Reply reply = feed_reply("short");
  reply.headers.emplace_back("X-Extra", "1");
  const auto wire = finish_reply(get(), reply, now);
  EXPECT_EQ(wire.status, 200);
  ASSERT_TRUE(wire.body);
  EXPECT_EQ(*wire.body, "short");
  EXPECT_EQ(wire.content_length, 5u);
  EXPECT_TRUE(wire.has_content_length);
  EXPECT_EQ(header(wire, "Content-Type"), "application/atom+xml");
  EXPECT_EQ(header(wire, "ETag"), "\"v1\"");
  EXPECT_EQ(header(wire, "Last-Modified"), "Sun, 10 Mar 2024 12:00:00 GMT");
  EXPECT_EQ(header(wire, "Cache-Control"), "max-age=60");
  EXPECT_EQ(header(wire, "X-Extra"), "1");
  EXPECT_EQ(header(wire, "Vary"), std::nullopt);  // under 1 KiB: never compressed
}

struct ConditionalCase {
  std::string if_none_match;
  std::string if_modified_since;
  int status;
};

TEST(FinishReply, ConditionalRequestsFollowRfc9110) {
  const std::vector<ConditionalCase> cases = {
      {"\"v1\"", "", 304},
      {"\"v0\", \"v1\"", "", 304},
      {"\"v0\",\"v1\"", "", 304},
      {"W/\"v1\"", "", 304},
      {"*", "", 304},
      {"\"v2\"", "", 200},
      {"v1", "", 200},
      {"\"v1", "", 200},
      {"\"v2\"", "Sun, 10 Mar 2024 12:00:00 GMT", 200},  // If-None-Match decides alone
      {"", "Sun, 10 Mar 2024 12:00:00 GMT", 304},
      {"", "Sun, 10 Mar 2024 12:00:01 GMT", 304},
      {"", "Sunday, 10-Mar-24 12:00:00 GMT", 304},
      {"", "Sun, 10 Mar 2024 11:59:59 GMT", 200},
      {"", "yesterday", 200},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.if_none_match + " | " + test.if_modified_since);
    EXPECT_EQ(finish_reply(get(test.if_none_match, test.if_modified_since), feed_reply(), now).status,
              test.status);
  }
}

TEST(FinishReply, NotModifiedHasValidatorsButNoBody) {
  const auto wire = finish_reply(get("\"v1\""), feed_reply(), now);
  EXPECT_EQ(wire.status, 304);
  EXPECT_FALSE(wire.body);
  EXPECT_FALSE(wire.has_content_length);
  EXPECT_EQ(header(wire, "ETag"), "\"v1\"");
  EXPECT_EQ(header(wire, "Last-Modified"), "Sun, 10 Mar 2024 12:00:00 GMT");
  EXPECT_EQ(header(wire, "Cache-Control"), "max-age=60");
  EXPECT_EQ(header(wire, "Vary"), "Accept-Encoding");
  EXPECT_EQ(header(wire, "Content-Encoding"), std::nullopt);
}

TEST(FinishReply, OnlySuccessfulRepliesBecomeNotModified) {
  Reply reply = make_status_reply(404);
  reply.etag = "\"v1\"";
  EXPECT_EQ(finish_reply(get("*"), reply, now).status, 404);
  Reply no_validators = make_reply(200, "text/plain", "x");
  EXPECT_EQ(finish_reply(get("", "Sun, 10 Mar 2024 12:00:00 GMT"), no_validators, now).status, 200);
  EXPECT_EQ(finish_reply(get("\"v1\""), no_validators, now).status, 200);
}

TEST(FinishReply, PreparedGzipBodyIsServedToClientsThatAcceptIt) {
  Reply reply = feed_reply("tiny");
  reply.gzip_body = std::make_shared<const std::string>(gzip_compress("tiny"));
  Request request = get();
  request.accepts_gzip = true;
  const auto wire = finish_reply(request, reply, now);
  EXPECT_EQ(header(wire, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(wire, "Vary"), "Accept-Encoding");
  ASSERT_TRUE(wire.body);
  EXPECT_EQ(wire.body, reply.gzip_body);  // the shared rendering, not a copy
  EXPECT_EQ(gunzip(*wire.body), "tiny");

  const auto plain = finish_reply(get(), reply, now);
  EXPECT_EQ(header(plain, "Content-Encoding"), std::nullopt);
  EXPECT_EQ(header(plain, "Vary"), "Accept-Encoding");
  EXPECT_EQ(*plain.body, "tiny");
}

TEST(FinishReply, LargeTextIsGzippedOnTheFlyAndSmallOrBinaryIsNot) {
  Request request = get();
  request.accepts_gzip = true;
  std::string text;
  for (int i = 0; i < 200; ++i) text += "<entry>item " + std::to_string(i) + "</entry>\n";
  const auto big = finish_reply(request, feed_reply(text), now);
  EXPECT_EQ(header(big, "Content-Encoding"), "gzip");
  EXPECT_LT(big.content_length, text.size());
  EXPECT_EQ(gunzip(*big.body), text);

  EXPECT_EQ(header(finish_reply(request, feed_reply(std::string(1023, 'x')), now), "Content-Encoding"), std::nullopt);
  EXPECT_EQ(header(finish_reply(request, feed_reply(std::string(1024, 'x')), now), "Content-Encoding"), "gzip");
  const auto png = finish_reply(request, make_reply(200, "image/png", std::string(4096, 'x')), now);
  EXPECT_EQ(header(png, "Content-Encoding"), std::nullopt);
  EXPECT_EQ(header(png, "Vary"), std::nullopt);
  for (const char* type : {"text/html; charset=utf-8", "application/json", "application/rss+xml",
                           "text/plain", "application/feed+json"})
    EXPECT_EQ(header(finish_reply(request, make_reply(200, type, std::string(2048, 'y')), now), "Content-Encoding"),
              "gzip")
        << type;
}

TEST(FinishReply, HeadHasGetsHeadersAndLengthButNoBody) {
  for (const bool gzip : {false, true}) {
    SCOPED_TRACE(gzip);
    Request get_request = get();
    get_request.accepts_gzip = gzip;
    Request head_request = get_request;
    head_request.method = "HEAD";
    const auto get_wire = finish_reply(get_request, feed_reply(), now);
    const auto head_wire = finish_reply(head_request, feed_reply(), now);
    EXPECT_EQ(head_wire.status, 200);
    EXPECT_FALSE(head_wire.body);
    EXPECT_TRUE(head_wire.has_content_length);
    EXPECT_EQ(head_wire.content_length, get_wire.body->size());
    EXPECT_EQ(head_wire.headers, get_wire.headers);
  }
}

/// A reply whose bodies also sit in sealed files, as the Publisher's cached renderings do.
Reply file_reply(const std::string& body) {
  Reply reply = feed_reply(body);
  reply.gzip_body = std::make_shared<const std::string>(gzip_compress(body));
  reply.body_file = BodyFile::seal(*reply.body, 1);
  reply.gzip_body_file = BodyFile::seal(*reply.gzip_body, 1);
  return reply;
}

TEST(FinishReply, GetOffersTheFileOfTheChosenBody) {
  const auto reply = file_reply(std::string(3000, 'y'));
  ASSERT_TRUE(reply.body_file);
  ASSERT_TRUE(reply.gzip_body_file);
  EXPECT_EQ(finish_reply(get(), reply, now).body_file, reply.body_file);
  Request gzip_request = get();
  gzip_request.accepts_gzip = true;
  const auto gzip_wire = finish_reply(gzip_request, reply, now);
  EXPECT_EQ(gzip_wire.body_file, reply.gzip_body_file);
  EXPECT_EQ(gzip_wire.body, reply.gzip_body);  // kept as the fallback
}

TEST(FinishReply, NoFileForHeadNotModifiedOnTheFlyGzipOrAMismatchedLength) {
  const auto reply = file_reply(std::string(3000, 'y'));
  Request head_request = get();
  head_request.method = "HEAD";
  EXPECT_FALSE(finish_reply(head_request, reply, now).body_file);
  EXPECT_FALSE(finish_reply(get("\"v1\""), reply, now).body_file);

  Reply no_prepared_gzip = reply;
  no_prepared_gzip.gzip_body.reset();
  Request gzip_request = get();
  gzip_request.accepts_gzip = true;
  EXPECT_FALSE(finish_reply(gzip_request, no_prepared_gzip, now).body_file);

  Reply mismatched = reply;
  mismatched.body_file = BodyFile::seal("shorter", 1);
  EXPECT_FALSE(finish_reply(get(), mismatched, now).body_file);
}

TEST(BodyFile, SealsLargeBodiesOnlyAndHoldsTheirBytes) {
  EXPECT_FALSE(BodyFile::seal(std::string(body_file_min_bytes - 1, 'a')));
  const std::string body(body_file_min_bytes, 'b');
  const auto file = BodyFile::seal(body);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->size(), body.size());
  std::string back(body.size(), '\0');
  EXPECT_EQ(::pread(file->fd(), back.data(), back.size(), 0), static_cast<ssize_t>(body.size()));
  EXPECT_EQ(back, body);
  EXPECT_EQ(::pwrite(file->fd(), "x", 1, 0), -1);  // sealed: nobody can change a body in flight
}

TEST(StatusReply, NamesStatusInPlainText) {
  const auto reply = make_status_reply(405);
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(*reply.body, "405 Method Not Allowed\n");
  EXPECT_EQ(status_reason(421), "Misdirected Request");
  EXPECT_EQ(status_reason(431), "Request Header Fields Too Large");
}

TEST(AcceptsGzip, HonoursCodingsAndZeroWeights) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"gzip", true},           {"GZIP", true},         {"deflate, gzip;q=0.5", true},
      {"gzip, deflate, br", true}, {"x-gzip", true},    {"*", true},
      {"gzip;q=0", false},      {"gzip; q=0.000", false}, {"*;q=0", false},
      {"gzip;q=0, *", false},   {"identity", false},    {"", false},
      {"br, deflate", false},   {"gzip;q=0.001", true},
  };
  for (const auto& [value, expected] : cases) EXPECT_EQ(accepts_gzip(value), expected) << value;
}

TEST(HttpDate, FormatsImfFixdateThatParsesBack) {
  EXPECT_EQ(format_http_date(last_modified), "Sun, 10 Mar 2024 12:00:00 GMT");
  EXPECT_EQ(format_http_date(sys_days{year{2000} / 1 / 1}), "Sat, 01 Jan 2000 00:00:00 GMT");
  const sys_seconds odd = sys_days{year{2031} / 12 / 31} + hours(23) + minutes(59) + seconds(59);
  EXPECT_EQ(parse_http_date(format_http_date(odd)), odd);
}

TEST(HostGuard, AllowsOurOwnNamesOnly) {
  const auto allowed = allowed_loopback_hosts({"127.0.0.1", 0}, 8080, {"feedd.lan:8080"});
  for (const char* host : {"127.0.0.1:8080", "localhost:8080", "LocalHost:8080", "[::1]:8080", "feedd.lan:8080"})
    EXPECT_TRUE(is_allowed_host(host, allowed)) << host;
  for (const char* host : {"evil.example:8080", "127.0.0.1:8081", "localhost", "127.0.0.1", "",
                           "localhost:8080.evil.example", "127.0.0.2:8080"})
    EXPECT_FALSE(is_allowed_host(host, allowed)) << host;
}

TEST(HostGuard, ConfiguredHostAndDefaultPortAreAllowed) {
  const auto custom = allowed_loopback_hosts({"127.0.0.2", 9000}, 9000, {});
  EXPECT_TRUE(is_allowed_host("127.0.0.2:9000", custom));
  const auto port80 = allowed_loopback_hosts({"127.0.0.1", 80}, 80, {});
  EXPECT_TRUE(is_allowed_host("localhost", port80));
  EXPECT_TRUE(is_allowed_host("[::1]", port80));
  EXPECT_TRUE(is_allowed_host("localhost:80", port80));
}

}  // namespace
}  // namespace feedd
