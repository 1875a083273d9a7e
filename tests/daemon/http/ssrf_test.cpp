// security.md §2 rows 15-16: every resolved address is vetted before connect, on every hop.
#include <gtest/gtest.h>

#include "fetch_test_support.hpp"

namespace feedd::test {
namespace {

using boost::asio::ip::make_address;
using namespace std::string_literals;

void expect_forbidden_without_connecting(const FetchOutcome& outcome, const FixtureServer& target) {
  ASSERT_FALSE(outcome) << explain(outcome);
  EXPECT_EQ(outcome.error().kind, FetchErrorKind::forbidden_address) << explain(outcome);
  EXPECT_EQ(target.connections_accepted(), 0);
}

/// The allowlisted fixture server plus a second loopback server that is not allowlisted.
class Ssrf : public testing::Test {
protected:
  FetchHarness harness;
  FixtureServer forbidden;
  std::string forbidden_port = std::to_string(forbidden.port());
};

TEST_F(Ssrf, Row15LoopbackOnAPortOutsideTheAllowlistIsRefusedBeforeConnect) {
  forbidden.on("/feed", FixtureResponse{.body = "secret"});
  expect_forbidden_without_connecting(harness.fetch(forbidden.url("/feed")), forbidden);
}

class SsrfLiteral : public Ssrf, public testing::WithParamInterface<const char*> {};

TEST_P(SsrfLiteral, Row15IsRefusedBeforeConnect) {
  const std::string url = "http://"s + GetParam() + ":" + forbidden_port + "/feed";
  expect_forbidden_without_connecting(harness.fetch(url), forbidden);
}

// The odd IPv4 spellings reach getaddrinfo, which turns them into 127.0.0.1: the guard checks
// that result, not the string.
INSTANTIATE_TEST_SUITE_P(SecurityRow15, SsrfLiteral,
                         testing::Values("127.0.0.1", "127.1", "2130706433", "0x7f.1",
                                         "0x7f000001", "017700000001", "0.0.0.0", "[::1]",
                                         "[::ffff:127.0.0.1]", "169.254.169.254", "10.1.2.3",
                                         "172.16.0.1", "192.168.1.1", "100.64.0.1", "[fe80::1]",
                                         "[fc00::1]", "224.0.0.1", "255.255.255.255"));

TEST_F(Ssrf, Row15RedirectToAPrivateAddressIsRefusedOnThatHop) {
  harness.server.on("/feed", FixtureResponse{.status = 302,
                                             .headers = {{"Location", forbidden.url("/feed")}}});
  expect_forbidden_without_connecting(harness.fetch_path("/feed"), forbidden);
  EXPECT_EQ(harness.server.hits("/feed"), 1);
}

TEST_F(Ssrf, Row15AllowPrivateAddressesLetsLoopbackThrough) {
  harness.options().allow_private_addresses = true;
  forbidden.on("/feed", FixtureResponse{.body = "reachable"});
  auto outcome = harness.fetch(forbidden.url("/feed"));
  ASSERT_TRUE(outcome) << explain(outcome);
  EXPECT_EQ(outcome->body, "reachable");
}

TEST_F(Ssrf, Row16NameResolvingToLoopbackIsRefused) {
  harness.use_resolver(std::make_shared<StaticResolver>(
      std::map<std::string, std::vector<boost::asio::ip::address>>{
          {"evil.test", {make_address("127.0.0.1")}}}));
  expect_forbidden_without_connecting(
      harness.fetch("http://evil.test:" + forbidden_port + "/feed"), forbidden);
}

TEST_F(Ssrf, Row16AnswerWithOnePrivateAddressAmongPublicOnesIsRefused) {
  harness.use_resolver(std::make_shared<StaticResolver>(
      std::map<std::string, std::vector<boost::asio::ip::address>>{
          {"both.test", {make_address("203.0.113.5"), make_address("127.0.0.1")}}}));
  auto outcome = harness.fetch("http://both.test:" + forbidden_port + "/feed");
  expect_forbidden_without_connecting(outcome, forbidden);
  EXPECT_NE(outcome.error().detail.find("127.0.0.1"), std::string::npos);
}

/// Answers the allowlisted address first and a private one afterwards (DNS rebinding).
class RebindingResolver final : public Resolver {
public:
  RebindingResolver(boost::asio::ip::address first, boost::asio::ip::address later)
      : first_(first), later_(later) {}
  boost::asio::awaitable<ResolveOutcome> resolve(std::string, std::uint16_t port,
                                                 std::chrono::steady_clock::time_point) override {
    const auto address = lookups_++ == 0 ? first_ : later_;
    co_return ResolveOutcome{{}, {boost::asio::ip::tcp::endpoint(address, port)}};
  }
  int lookups_ = 0;

private:
  boost::asio::ip::address first_, later_;
};

TEST_F(Ssrf, Row16ResolvesOncePerHopAndConnectsToTheVettedAddress) {
  auto resolver = std::make_shared<RebindingResolver>(make_address("127.0.0.1"),
                                                      make_address("10.0.0.1"));
  harness.use_resolver(resolver);
  harness.options().max_idle_connections_per_host = 0;
  harness.server.on("/feed", FixtureResponse{.body = "vetted"});
  const std::string url = "http://rebind.test:" + std::to_string(harness.server.port()) + "/feed";
  auto first = harness.fetch(url);
  ASSERT_TRUE(first) << explain(first);
  EXPECT_EQ(resolver->lookups_, 1);
  // The second lookup answers 10.0.0.1: refused, even though the name was fine a moment ago.
  auto second = harness.fetch(url);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().kind, FetchErrorKind::forbidden_address);
  EXPECT_EQ(resolver->lookups_, 2);
}

TEST_F(Ssrf, UnknownNameIsADnsError) {
  harness.use_resolver(std::make_shared<StaticResolver>(
      std::map<std::string, std::vector<boost::asio::ip::address>>{}));
  auto outcome = harness.fetch("http://nowhere.test/feed");
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, FetchErrorKind::dns);
}

}  // namespace
}  // namespace feedd::test
