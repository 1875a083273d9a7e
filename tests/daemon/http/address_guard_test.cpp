#include "daemon/http/address_guard.hpp"

#include <gtest/gtest.h>

namespace feedd {
namespace {

using boost::asio::ip::make_address;
using boost::asio::ip::tcp;

struct AddressCase {
  const char* address;
  bool non_public;
};

class AddressClassification : public testing::TestWithParam<AddressCase> {};

TEST_P(AddressClassification, MatchesTheSsrfTable) {
  EXPECT_EQ(is_non_public_address(make_address(GetParam().address)), GetParam().non_public)
      << GetParam().address;
}

INSTANTIATE_TEST_SUITE_P(
    SecurityRow15, AddressClassification,
    testing::Values(AddressCase{"127.0.0.1", true}, AddressCase{"127.255.255.254", true},
                    AddressCase{"0.0.0.0", true}, AddressCase{"0.1.2.3", true},
                    AddressCase{"10.1.2.3", true}, AddressCase{"172.16.0.1", true},
                    AddressCase{"172.31.255.255", true}, AddressCase{"192.168.1.1", true},
                    AddressCase{"169.254.169.254", true}, AddressCase{"100.64.0.1", true},
                    AddressCase{"100.127.255.255", true}, AddressCase{"224.0.0.1", true},
                    AddressCase{"239.255.255.255", true}, AddressCase{"240.0.0.1", true},
                    AddressCase{"255.255.255.255", true}, AddressCase{"::1", true},
                    AddressCase{"::", true}, AddressCase{"fe80::1", true},
                    AddressCase{"febf::1", true}, AddressCase{"fc00::1", true},
                    AddressCase{"fd12:3456::1", true}, AddressCase{"ff02::1", true},
                    AddressCase{"::ffff:127.0.0.1", true}, AddressCase{"::ffff:10.0.0.1", true},
                    AddressCase{"::ffff:169.254.169.254", true}, AddressCase{"::127.0.0.1", true},
                    // Public neighbours of the refused ranges stay reachable.
                    AddressCase{"8.8.8.8", false}, AddressCase{"172.15.255.255", false},
                    AddressCase{"172.32.0.1", false}, AddressCase{"100.63.255.255", false},
                    AddressCase{"100.128.0.1", false}, AddressCase{"169.253.255.255", false},
                    AddressCase{"11.0.0.1", false}, AddressCase{"203.0.113.5", false},
                    AddressCase{"223.255.255.255", false}, AddressCase{"2001:4860::8888", false},
                    AddressCase{"::ffff:8.8.8.8", false}, AddressCase{"fec0::1", true}));

TEST(AddressPolicy, RefusesPrivateEndpointsByDefault) {
  AddressPolicy policy;
  EXPECT_FALSE(is_endpoint_permitted(policy, {make_address("127.0.0.1"), 80}));
  EXPECT_TRUE(is_endpoint_permitted(policy, {make_address("93.184.216.34"), 80}));
}

TEST(AddressPolicy, AllowsEveryAddressWhenPrivateAddressesAreAllowed) {
  AddressPolicy policy{.allow_private_addresses = true, .allowed_endpoints = {}};
  EXPECT_TRUE(is_endpoint_permitted(policy, {make_address("10.0.0.1"), 80}));
  EXPECT_TRUE(is_endpoint_permitted(policy, {make_address("::1"), 80}));
}

TEST(AddressPolicy, AllowlistMatchesAddressAndPortExactly) {
  AddressPolicy policy{.allow_private_addresses = false,
                       .allowed_endpoints = {tcp::endpoint(make_address("127.0.0.1"), 8080)}};
  EXPECT_TRUE(is_endpoint_permitted(policy, {make_address("127.0.0.1"), 8080}));
  EXPECT_FALSE(is_endpoint_permitted(policy, {make_address("127.0.0.1"), 8081}));
  EXPECT_FALSE(is_endpoint_permitted(policy, {make_address("127.0.0.2"), 8080}));
  EXPECT_FALSE(is_endpoint_permitted(policy, {make_address("::1"), 8080}));
}

TEST(AddressPolicy, OnePrivateAddressInAnAnswerRefusesTheWholeAnswer) {
  AddressPolicy policy;
  const std::vector<tcp::endpoint> answer{{make_address("203.0.113.5"), 443},
                                          {make_address("127.0.0.1"), 443}};
  const auto refused = find_refused_endpoint(policy, answer);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->address(), make_address("127.0.0.1"));
  EXPECT_FALSE(find_refused_endpoint(policy, {answer[0]}).has_value());
}

}  // namespace
}  // namespace feedd
