#pragma once
/// The feed fetcher: HTTP/1.1 over TCP and TLS with a timeout on every step, limits on every
/// size, redirects checked hop by hop, the SSRF guard before every connect, gzip/deflate, and
/// file: URLs read from disk. Fetch outcomes are values (FetchOutcome), never exceptions; a 304
/// is a normal response with not_modified set.
///
/// No Beast types here: the transport lives in http_exchange.cpp, so including this header is
/// cheap.

#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "daemon/http/fetch_error.hpp"
#include "daemon/http/fetch_types.hpp"
#include "daemon/http/http_client_options.hpp"
#include "daemon/http/resolver.hpp"

namespace feedd {

class HttpExchanger;
struct ExchangeResponse;

/// Fetches URLs. Use from one thread (or strand); keep it alive until its fetches finish. Keeps
/// a small per-host pool of idle keep-alive connections.
class HttpClient {
public:
  /// `resolver` null: the system resolver (getaddrinfo) on `executor`.
  HttpClient(boost::asio::any_io_executor executor, HttpClientOptions options,
             std::shared_ptr<Resolver> resolver = nullptr);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// GET the URL, following up to max_redirects redirects, within total_timeout.
  boost::asio::awaitable<FetchOutcome> fetch(FetchRequest request);

  const HttpClientOptions& options() const noexcept { return options_; }
  /// Idle keep-alive connections currently pooled.
  std::size_t idle_connections() const;

private:
  boost::asio::awaitable<FetchOutcome> follow_redirects(
      const FetchRequest& request, std::chrono::steady_clock::time_point deadline);

  HttpClientOptions options_;
  std::unique_ptr<HttpExchanger> exchanger_;
};

}  // namespace feedd
