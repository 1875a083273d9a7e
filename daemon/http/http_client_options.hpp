#pragma once
/// Limits and policy of an HttpClient. Defaults follow security.md §2.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

namespace feedd {

/// Per-client settings. Durations are milliseconds so tests can use short ones; seconds convert.
struct HttpClientOptions {
  std::string user_agent;  ///< empty: "feedd/VERSION"
  std::chrono::milliseconds resolve_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds tls_timeout = std::chrono::seconds(10);
  /// From sending the request to the end of the header block; a trickle does not extend it.
  std::chrono::milliseconds header_timeout = std::chrono::seconds(10);
  /// The whole fetch, every redirect hop included.
  std::chrono::milliseconds total_timeout = std::chrono::seconds(30);
  /// The body must bring at least min_body_rate × min_body_rate_window bytes per window.
  std::size_t min_body_rate = 1024;  ///< bytes per second
  std::chrono::milliseconds min_body_rate_window = std::chrono::seconds(10);
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_wire_bytes = 16 * 1024 * 1024;  ///< body as sent (compressed)
  std::size_t max_body_bytes = 32 * 1024 * 1024;  ///< body after decoding; also file: reads
  int max_redirects = 5;
  bool allow_private_addresses = false;  ///< SSRF guard off
  /// Exactly these endpoints pass the SSRF guard even when private ones are refused (tests).
  std::vector<boost::asio::ip::tcp::endpoint> allowed_addresses;
  bool allow_https_downgrade = false;  ///< follow https → http redirects
  std::optional<std::string> ca_file;  ///< PEM trust anchors instead of the system store
  std::size_t max_idle_connections_per_host = 2;  ///< keep-alive pool; 0 disables reuse
  std::chrono::milliseconds idle_connection_timeout = std::chrono::seconds(30);
};

}  // namespace feedd
