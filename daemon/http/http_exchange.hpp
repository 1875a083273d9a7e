#pragma once
/// One HTTP/1.1 request and its response over a vetted connection: resolve, SSRF check, connect,
/// TLS, write, read headers, read and decode the body, keep the connection for reuse. The only
/// part of the client that sees Boost.Beast (http_exchange.cpp); redirects and header
/// interpretation live in HttpClient.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "daemon/http/fetch_error.hpp"
#include "daemon/http/http_client_options.hpp"
#include "daemon/http/resolver.hpp"

namespace feedd {

/// Where a request goes: origin and request-target (path and query, origin-form).
struct HttpTarget {
  bool tls = false;
  std::string host;  ///< name or IP literal, IPv6 without brackets
  std::uint16_t port = 0;
  std::string target = "/";
};

/// One header field.
struct HttpHeader {
  std::string name;
  std::string value;
};

/// A response. The body is read (and decoded) only for 2xx statuses; otherwise it is empty and
/// the connection is closed instead of drained.
struct ExchangeResponse {
  int status = 0;
  std::string reason;
  std::vector<HttpHeader> headers;
  std::string body;

  /// The first field named `name` (case-insensitive).
  std::optional<std::string> header(std::string_view name) const;
};

/// A response or the reason there is none.
using ExchangeOutcome = std::variant<ExchangeResponse, FetchError>;

/// Performs exchanges and owns the per-host pool of idle keep-alive connections. Use from one
/// thread (or strand); it must outlive the exchanges it runs.
class HttpExchanger {
public:
  HttpExchanger(boost::asio::any_io_executor executor, HttpClientOptions options,
                std::shared_ptr<Resolver> resolver);
  ~HttpExchanger();
  HttpExchanger(const HttpExchanger&) = delete;
  HttpExchanger& operator=(const HttpExchanger&) = delete;

  /// GET `target` with `headers` (Host is added), finishing by `deadline`.
  boost::asio::awaitable<ExchangeOutcome> exchange(HttpTarget target,
                                                   std::vector<HttpHeader> headers,
                                                   std::chrono::steady_clock::time_point deadline);

  /// Idle connections currently pooled (tests check reuse and that bad ones are dropped).
  std::size_t idle_connections() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace feedd
