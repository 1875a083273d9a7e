#pragma once
/// The SSRF guard: which resolved addresses a fetch may connect to. Pure; checked on every hop
/// after resolution and before connect (security.md §2 rows 15-16).

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

namespace feedd {

/// True for addresses a feed fetch must not reach by default: loopback, RFC 1918 private,
/// link-local, CGNAT 100.64/10, multicast, unspecified, broadcast, 0/8, IPv6 ULA fc00::/7,
/// fe80::/10, ::1, and IPv4-mapped/compatible IPv6 forms of any of these.
bool is_non_public_address(const boost::asio::ip::address& address);

/// Which endpoints fetches may connect to.
struct AddressPolicy {
  bool allow_private_addresses = false;
  /// Exactly these endpoints are allowed even when private ones are refused (test allowlist).
  std::vector<boost::asio::ip::tcp::endpoint> allowed_endpoints;
};

/// True when `policy` lets a fetch connect to `endpoint`.
bool is_endpoint_permitted(const AddressPolicy& policy,
                           const boost::asio::ip::tcp::endpoint& endpoint);

/// The first endpoint of `endpoints` the policy refuses, if any. A name whose answer contains
/// any refused address is refused as a whole: a mixed answer is how DNS rebinding hides a
/// private target behind a public one.
std::optional<boost::asio::ip::tcp::endpoint> find_refused_endpoint(
    const AddressPolicy& policy, const std::vector<boost::asio::ip::tcp::endpoint>& endpoints);

}  // namespace feedd
