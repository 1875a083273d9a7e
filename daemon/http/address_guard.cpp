#include "daemon/http/address_guard.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace feedd {
namespace {

using boost::asio::ip::address_v4;
using boost::asio::ip::address_v6;

struct V4Range {
  std::uint32_t network;
  int prefix;
};

constexpr std::uint32_t v4(int a, int b, int c, int d) {
  return (std::uint32_t(a) << 24) | (std::uint32_t(b) << 16) | (std::uint32_t(c) << 8) |
         std::uint32_t(d);
}

// IANA special-purpose ranges a feed has no business living in.
constexpr std::array<V4Range, 10> non_public_v4{{
    {v4(0, 0, 0, 0), 8},         // "this network", includes 0.0.0.0
    {v4(10, 0, 0, 0), 8},        // private
    {v4(100, 64, 0, 0), 10},     // CGNAT
    {v4(127, 0, 0, 0), 8},       // loopback
    {v4(169, 254, 0, 0), 16},    // link-local, cloud metadata
    {v4(172, 16, 0, 0), 12},     // private
    {v4(192, 0, 0, 0), 24},      // IETF protocol assignments
    {v4(192, 168, 0, 0), 16},    // private
    {v4(198, 18, 0, 0), 15},     // benchmarking
    {v4(224, 0, 0, 0), 3},       // multicast 224/4 and reserved 240/4 incl. broadcast
}};

bool in_range(std::uint32_t address, V4Range range) {
  const std::uint32_t mask = range.prefix == 0 ? 0 : ~std::uint32_t(0) << (32 - range.prefix);
  return (address & mask) == (range.network & mask);
}

bool is_non_public_v4(const address_v4& address) {
  const std::uint32_t value = address.to_uint();
  return std::any_of(non_public_v4.begin(), non_public_v4.end(),
                     [value](V4Range range) { return in_range(value, range); });
}

/// ::a.b.c.d (deprecated IPv4-compatible) and ::ffff:a.b.c.d both reach the IPv4 address.
std::optional<address_v4> embedded_v4(const address_v6& address) {
  const auto bytes = address.to_bytes();
  const bool leading_zero = std::all_of(bytes.begin(), bytes.begin() + 10,
                                        [](unsigned char b) { return b == 0; });
  if (!leading_zero) return std::nullopt;
  const bool mapped = bytes[10] == 0xff && bytes[11] == 0xff;
  const bool compatible = bytes[10] == 0 && bytes[11] == 0;
  if (!mapped && !compatible) return std::nullopt;
  return address_v4({bytes[12], bytes[13], bytes[14], bytes[15]});
}

bool is_non_public_v6(const address_v6& address) {
  if (auto v4_form = embedded_v4(address)) return is_non_public_v4(*v4_form);
  const auto bytes = address.to_bytes();
  const bool unique_local = (bytes[0] & 0xfe) == 0xfc;                    // fc00::/7
  const bool link_local = bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80;  // fe80::/10
  const bool site_local = bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0xc0;  // fec0::/10
  const bool multicast = bytes[0] == 0xff;
  return unique_local || link_local || site_local || multicast || address.is_loopback() ||
         address.is_unspecified();
}

}  // namespace

bool is_non_public_address(const boost::asio::ip::address& address) {
  if (address.is_v4()) return is_non_public_v4(address.to_v4());
  return is_non_public_v6(address.to_v6());
}

bool is_endpoint_permitted(const AddressPolicy& policy,
                           const boost::asio::ip::tcp::endpoint& endpoint) {
  if (policy.allow_private_addresses || !is_non_public_address(endpoint.address())) return true;
  return std::find(policy.allowed_endpoints.begin(), policy.allowed_endpoints.end(), endpoint) !=
         policy.allowed_endpoints.end();
}

std::optional<boost::asio::ip::tcp::endpoint> find_refused_endpoint(
    const AddressPolicy& policy, const std::vector<boost::asio::ip::tcp::endpoint>& endpoints) {
  for (const auto& endpoint : endpoints)
    if (!is_endpoint_permitted(policy, endpoint)) return endpoint;
  return std::nullopt;
}

}  // namespace feedd
