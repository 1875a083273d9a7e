#include "daemon/http/response_headers.hpp"

#include <gtest/gtest.h>

#include <boost/asio/error.hpp>

#include "daemon/http/fetch_error.hpp"

namespace feedd {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

// Sun, 06 Nov 1994 08:49:37 GMT: the RFC 9110 example date.
const sys_seconds rfc_example = sys_days{1994y / November / 6} + 8h + 49min + 37s;

TEST(CacheControl, ReadsMaxAgeAmongOtherDirectives) {
  EXPECT_EQ(parse_cache_max_age("public, max-age=3600"), 3600s);
  EXPECT_EQ(parse_cache_max_age("MAX-AGE=60, must-revalidate"), 60s);
  EXPECT_EQ(parse_cache_max_age("no-cache"), 0s);
  EXPECT_EQ(parse_cache_max_age("private"), std::nullopt);
  EXPECT_EQ(parse_cache_max_age("max-age=soon"), std::nullopt);
}

TEST(HttpDate, ParsesTheThreeRfc9110Forms) {
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), rfc_example);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), rfc_example);
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), rfc_example);
  EXPECT_EQ(parse_http_date("0"), std::nullopt);
  EXPECT_EQ(parse_http_date("garbage"), std::nullopt);
}

struct RetryCase {
  const char* value;
  std::optional<seconds> expected;
};

class RetryAfter : public testing::TestWithParam<RetryCase> {};

TEST_P(RetryAfter, GivesTheDelayFromNow) {
  EXPECT_EQ(parse_retry_after(GetParam().value, rfc_example), GetParam().expected)
      << GetParam().value;
}

INSTANTIATE_TEST_SUITE_P(
    SecurityRow21, RetryAfter,
    testing::Values(RetryCase{"120", 120s}, RetryCase{" 0 ", 0s},
                    RetryCase{"Sun, 06 Nov 1994 09:49:37 GMT", 3600s},
                    RetryCase{"Sun, 06 Nov 1994 07:49:37 GMT", 0s},
                    RetryCase{"99999999", 99999999s},
                    RetryCase{"999999999999999999999999", max_header_delay},
                    RetryCase{"soon", std::nullopt}, RetryCase{"-5", std::nullopt},
                    RetryCase{"12abc", std::nullopt}, RetryCase{"", std::nullopt}));

TEST(FetchErrorDescription, ReadsAsOneLineForUsers) {
  EXPECT_EQ(describe({FetchErrorKind::tls, "certificate has expired"}),
            "TLS: certificate has expired");
  EXPECT_EQ(describe(http_status_error(404, "Not Found", std::nullopt)), "HTTP 404 Not Found");
  EXPECT_EQ(describe(classify_transport_failure(
                {FetchPhase::headers, boost::asio::error::timed_out, 10s, 0})),
            "timeout waiting for headers after 10 s");
  EXPECT_EQ(to_string(FetchErrorKind::forbidden_address), std::string("forbidden_address"));
}

}  // namespace
}  // namespace feedd
