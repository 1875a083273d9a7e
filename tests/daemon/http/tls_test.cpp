// security.md §2 rows 14 and 17-20 (and 37 over TLS) with certificates made at test time.
#include <gtest/gtest.h>

#include <openssl/ssl.h>

#include "fetch_test_support.hpp"
#include "support/fixture_server_tls.hpp"

namespace feedd::test {
namespace {

using boost::asio::ip::make_address;
using namespace std::chrono_literals;

/// One PKI for the whole suite: key generation is the slow part.
class Tls : public testing::Test {
protected:
  static void SetUpTestSuite() { certificates = new TestCertificates(); }
  static void TearDownTestSuite() {
    delete certificates;
    certificates = nullptr;
  }

  /// Fetches https://feeds.test:PORT/feed from a TLS server using `server_tls`, trusting the
  /// test CA; feeds.test resolves to 127.0.0.1.
  FetchOutcome fetch_from(const FixtureTls& server_tls) {
    FetchHarness harness(server_tls);
    harness.options().ca_file = certificates->ca_file();
    harness.use_resolver(std::make_shared<StaticResolver>(
        std::map<std::string, std::vector<boost::asio::ip::address>>{
            {"feeds.test", {make_address("127.0.0.1")}}}));
    harness.server.on("/feed", FixtureResponse{.body = "<rss/>"});
    auto outcome = harness.fetch(harness.server.url("/feed", "feeds.test"));
    body_requests = harness.server.hits("/feed");
    return outcome;
  }

  static void expect_tls_error(const FetchOutcome& outcome, const std::string& reason) {
    ASSERT_FALSE(outcome) << explain(outcome);
    EXPECT_EQ(outcome.error().kind, FetchErrorKind::tls) << explain(outcome);
    EXPECT_EQ(describe(outcome.error()), "TLS: " + reason);
  }

  static inline TestCertificates* certificates = nullptr;
  int body_requests = -1;
};

LeafSpec for_host(std::string name) {
  return LeafSpec{.dns_names = {std::move(name)}, .ip_addresses = {}};
}

TEST_F(Tls, ValidCertificateForTheHostFetches) {
  auto outcome = fetch_from(certificates->leaf(for_host("feeds.test")));
  ASSERT_TRUE(outcome) << explain(outcome);
  EXPECT_EQ(outcome->body, "<rss/>");
  EXPECT_EQ(body_requests, 1);
}

TEST_F(Tls, Row17SelfSignedCertificateFailsBeforeAnyRequest) {
  expect_tls_error(fetch_from(certificates->self_signed(for_host("feeds.test"))),
                   "self-signed certificate");
  EXPECT_EQ(body_requests, 0);
}

TEST_F(Tls, Row18ExpiredCertificateFails) {
  auto spec = for_host("feeds.test");
  spec.valid_from = -std::chrono::hours(48);
  spec.valid_until = -std::chrono::hours(24);
  expect_tls_error(fetch_from(certificates->leaf(spec)), "certificate has expired");
  EXPECT_EQ(body_requests, 0);
}

TEST_F(Tls, Row19CertificateForAnotherHostFails) {
  expect_tls_error(fetch_from(certificates->leaf(for_host("other.test"))),
                   "certificate does not match the host name");
  EXPECT_EQ(body_requests, 0);
}

TEST_F(Tls, Row20CertificateFromAnUnknownCaFails) {
  expect_tls_error(fetch_from(certificates->leaf_from_unknown_ca(for_host("feeds.test"))),
                   "certificate issued by an unknown CA");
}

TEST_F(Tls, Row20WeakRsa1024KeyFails) {
  auto spec = for_host("feeds.test");
  spec.rsa_bits = 1024;
  auto server_tls = certificates->leaf(spec);
  server_tls.security_level = 0;  // let the server use the weak key at all
  expect_tls_error(fetch_from(server_tls), "certificate uses a weak key or signature");
}

TEST_F(Tls, Row20Tls11OnlyServerFails) {
  auto server_tls = certificates->leaf(for_host("feeds.test"));
  server_tls.max_protocol_version = TLS1_1_VERSION;
  server_tls.security_level = 0;
  auto outcome = fetch_from(server_tls);
  ASSERT_FALSE(outcome) << explain(outcome);
  EXPECT_EQ(outcome.error().kind, FetchErrorKind::tls) << explain(outcome);
}

TEST_F(Tls, Row14HttpsToHttpDowngradeIsRefusedUnlessAllowed) {
  FixtureServer plain;
  plain.on("/feed", FixtureResponse{.body = "plain"});
  for (bool allow : {false, true}) {
    FetchHarness harness(certificates->leaf());
    harness.options().ca_file = certificates->ca_file();
    harness.options().allowed_addresses.push_back(plain.endpoint());
    harness.options().allow_https_downgrade = allow;
    harness.server.on("/feed", FixtureResponse{.status = 301,
                                               .headers = {{"Location", plain.url("/feed")}}});
    auto outcome = harness.fetch(harness.server.url("/feed", "localhost"));
    if (allow) {
      ASSERT_TRUE(outcome) << explain(outcome);
      EXPECT_EQ(outcome->body, "plain");
      EXPECT_EQ(outcome->final_url, plain.url("/feed"));
    } else {
      ASSERT_FALSE(outcome);
      EXPECT_EQ(outcome.error().kind, FetchErrorKind::bad_redirect) << explain(outcome);
      EXPECT_EQ(plain.connections_accepted(), 0);
    }
  }
}

TEST_F(Tls, Row37TruncatedTlsStreamIsAnError) {
  FetchHarness harness(certificates->leaf());
  harness.options().ca_file = certificates->ca_file();
  FixtureResponse response{.body = std::string(100000, 'x')};
  response.close_after_bytes = 20000;
  harness.server.on("/cut", response);
  auto outcome = harness.fetch(harness.server.url("/cut", "localhost"));
  ASSERT_FALSE(outcome) << explain(outcome);
  EXPECT_EQ(outcome.error().kind, FetchErrorKind::protocol) << explain(outcome);
}

TEST_F(Tls, KeepAliveReusesTheTlsConnection) {
  FetchHarness harness(certificates->leaf());
  harness.options().ca_file = certificates->ca_file();
  harness.server.on("/feed", FixtureResponse{.body = "again"});
  for (int i = 0; i < 3; ++i) {
    auto outcome = harness.fetch(harness.server.url("/feed", "localhost"));
    ASSERT_TRUE(outcome) << explain(outcome);
  }
  EXPECT_EQ(harness.server.connections_accepted(), 1);
}

// The trust anchors load with the first https request; a file that cannot be read fails every
// https fetch with a reason, before connecting, and each time (nothing half-made is reused).
TEST_F(Tls, UnreadableTrustAnchorsFailHttpsFetchesBeforeConnecting) {
  FetchHarness harness(certificates->leaf());
  harness.options().ca_file = "/nonexistent/feedd-test-ca.pem";
  harness.server.on("/feed", FixtureResponse{.body = "<rss/>"});
  for (int i = 0; i < 2; ++i) {
    auto outcome = harness.fetch(harness.server.url("/feed", "localhost"));
    ASSERT_FALSE(outcome) << explain(outcome);
    EXPECT_EQ(outcome.error().kind, FetchErrorKind::tls) << explain(outcome);
    EXPECT_NE(describe(outcome.error()).find("cannot load trust anchors"), std::string::npos)
        << describe(outcome.error());
  }
  EXPECT_EQ(harness.server.connections_accepted(), 0);
}

}  // namespace
}  // namespace feedd::test
